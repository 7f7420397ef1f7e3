import { z } from "zod";

/**
 * Where the AWS steps act. Read on every use rather than with lib/env.ts, so that an app
 * without AWS configured starts normally and only the automation steps refuse to run.
 * Credentials are not here: the SDK's default provider chain reads them.
 */
const schema = z.object({
  AWS_REGION: z.string().min(1).optional(),
  /** A local stand-in for AWS (the tests' fake); the SDK also honours it by itself. */
  AWS_ENDPOINT_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A named credentials profile the clients use instead of the default chain: the sandbox's (AWS_SANDBOX_PROFILE). */
  AWS_CREDENTIALS_PROFILE: z.string().min(1).optional(),
  AWS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  AWS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  AWS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3_000),
  /** How often a running step asks AWS how it is going, and how long it waits in all. */
  AWS_POLL_INTERVAL_MS: z.coerce.number().int().min(1).default(5_000),
  AWS_MONITOR_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(3 * 60 * 60 * 1000),
  AWS_BACKUP_VAULT: z.string().min(1).optional(),
  AWS_BACKUP_RESOURCE_ARN: z.string().min(1).optional(),
  AWS_BACKUP_ROLE_ARN: z.string().min(1).optional(),
  /** The stack parameter a promotion changes; every other parameter keeps its value. */
  AWS_CFN_CONTAINER_PARAMETER: z.string().min(1).default("ContainerVersion"),
  /** The stack's service role, passed as RoleARN so the app's own policy needs no rights on the stack's resources. */
  AWS_CFN_ROLE_ARN: z.string().min(1).optional(),
  /** AWS Backup: a job not started within this window expires; one not done within the complete window is stopped. */
  AWS_BACKUP_START_WINDOW_MINUTES: z.coerce.number().int().min(60).default(60),
  AWS_BACKUP_COMPLETE_WINDOW_MINUTES: z.coerce.number().int().min(60).default(360),
  /** How long the pre-change recovery point is kept. */
  AWS_BACKUP_DELETE_AFTER_DAYS: z.coerce.number().int().min(1).default(35),
  /** How long an instance's claim on an execution lasts without a heartbeat before another instance takes over. */
  AWS_EXECUTION_LEASE_MS: z.coerce.number().int().min(200).default(30_000),
  /** Auto Scaling group names; unset, each stack's output of this key names its group. */
  AWS_ASG_BLUE: z.string().min(1).optional(),
  AWS_ASG_GREEN: z.string().min(1).optional(),
  AWS_ASG_OUTPUT_KEY: z.string().min(1).default("AutoScalingGroupName"),
  /** The Blue stack's outputs that name its load balancer, for the DNS alias. */
  AWS_LB_DNS_OUTPUT_KEY: z.string().min(1).default("LoadBalancerDNSName"),
  AWS_LB_ZONE_OUTPUT_KEY: z.string().min(1).default("LoadBalancerCanonicalHostedZoneId"),
  AWS_ROUTE53_HOSTED_ZONE_ID: z.string().min(1).optional(),
  AWS_ROUTE53_RECORD_NAME: z.string().min(1).optional(),
  POST_CUTOVER_TESTS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How long the post-cutover suite may run before the step gives up waiting for its verdict. */
  POST_CUTOVER_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(30 * 60_000),
});

export type AwsConfig = z.infer<typeof schema>;

export function awsConfig(source: Record<string, string | undefined> = process.env): AwsConfig {
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid AWS configuration: ${lines.join("; ")}`);
  }
  return parsed.data;
}

/** What the readiness endpoint and the settings page learn about the AWS settings; never a secret. */
export type AwsConfigCheck = {
  ok: boolean;
  region: string | null;
  endpoint: string | null;
  credentials: "found" | "missing";
  /** Settings each step still needs (run fields aside): named gaps, as in a plan. */
  stepSettings: Record<string, string[]>;
  problems: string[];
};

// Run-independent settings each step needs before it can run for real.
const STEP_SETTINGS: Record<string, (keyof AwsConfig)[]> = {
  backup: ["AWS_BACKUP_VAULT", "AWS_BACKUP_RESOURCE_ARN", "AWS_BACKUP_ROLE_ARN"],
  route53_switch: ["AWS_ROUTE53_HOSTED_ZONE_ID", "AWS_ROUTE53_RECORD_NAME"],
  backoff: ["AWS_ROUTE53_HOSTED_ZONE_ID", "AWS_ROUTE53_RECORD_NAME"],
  post_cutover_tests: ["POST_CUTOVER_TESTS_URL"],
};

/**
 * Checks that the AWS settings parse, that a Region is set and that the SDK's default
 * credential chain yields credentials (within `timeoutMs`: an instance-metadata lookup off
 * AWS would otherwise hang). Calls no AWS API, so it needs no permission beyond the policy.
 */
export async function checkAwsConfig(
  source: Record<string, string | undefined> = process.env,
  timeoutMs = 3_000,
): Promise<AwsConfigCheck> {
  let config: AwsConfig;
  try {
    config = awsConfig(source);
  } catch (err) {
    return {
      ok: false,
      region: null,
      endpoint: null,
      credentials: "missing",
      stepSettings: {},
      problems: [(err as Error).message],
    };
  }
  const problems: string[] = [];
  if (!config.AWS_REGION) problems.push("AWS_REGION is not set.");
  let credentials: AwsConfigCheck["credentials"] = "missing";
  try {
    const { CloudFormationClient } = await import("@aws-sdk/client-cloudformation");
    const client = new CloudFormationClient({ region: config.AWS_REGION ?? "us-east-1" });
    const found = await Promise.race([
      client.config.credentials(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    if (found.accessKeyId) credentials = "found";
    client.destroy();
  } catch (err) {
    problems.push(
      `No AWS credentials from the default provider chain (${(err as Error).message.slice(0, 200)}).`,
    );
  }
  const stepSettings = Object.fromEntries(
    Object.entries(STEP_SETTINGS).map(([step, keys]) => [step, keys.filter((k) => !config[k])]),
  );
  return {
    ok: problems.length === 0,
    region: config.AWS_REGION ?? null,
    endpoint: config.AWS_ENDPOINT_URL ?? null,
    credentials,
    stepSettings,
    problems,
  };
}
