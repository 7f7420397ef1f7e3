import { awsConfig, type AwsConfig } from "@/lib/aws/config";

/**
 * Where a run's AWS steps act. A production run acts with the production settings; a
 * rehearsal acts in the sandbox when one is configured (its own endpoint or credentials
 * profile), else its steps are dry runs that record their plan and call nothing.
 */
export type AwsTarget =
  | { mode: "production"; config: AwsConfig }
  | { mode: "sandbox"; config: AwsConfig }
  | { mode: "dry_run"; config: AwsConfig; reason: string };

/**
 * The settings that say where the steps act and on what. A sandbox takes each of these from
 * its own variable and never from the production one: an unset sandbox value stays unset
 * (named as a gap in the plan) rather than falling back to production's. Tuning (timeouts,
 * polling, output key names) is shared.
 */
export const SANDBOX_SETTINGS = {
  AWS_REGION: "AWS_SANDBOX_REGION",
  AWS_ENDPOINT_URL: "AWS_SANDBOX_ENDPOINT_URL",
  AWS_CREDENTIALS_PROFILE: "AWS_SANDBOX_PROFILE",
  AWS_BACKUP_VAULT: "AWS_SANDBOX_BACKUP_VAULT",
  AWS_BACKUP_RESOURCE_ARN: "AWS_SANDBOX_BACKUP_RESOURCE_ARN",
  AWS_BACKUP_ROLE_ARN: "AWS_SANDBOX_BACKUP_ROLE_ARN",
  AWS_CFN_ROLE_ARN: "AWS_SANDBOX_CFN_ROLE_ARN",
  AWS_ASG_BLUE: "AWS_SANDBOX_ASG_BLUE",
  AWS_ASG_GREEN: "AWS_SANDBOX_ASG_GREEN",
  AWS_ROUTE53_HOSTED_ZONE_ID: "AWS_SANDBOX_ROUTE53_HOSTED_ZONE_ID",
  AWS_ROUTE53_RECORD_NAME: "AWS_SANDBOX_ROUTE53_RECORD_NAME",
  POST_CUTOVER_TESTS_URL: "AWS_SANDBOX_POST_CUTOVER_TESTS_URL",
} as const satisfies Partial<Record<keyof AwsConfig, string>>;

export function awsTargetFor(
  run: { rehearsal: boolean },
  source: Record<string, string | undefined> = process.env,
): AwsTarget {
  if (!run.rehearsal) return { mode: "production", config: awsConfig(source) };
  const shared = Object.fromEntries(Object.entries(source).filter(([k]) => !(k in SANDBOX_SETTINGS)));
  const own = Object.fromEntries(Object.entries(SANDBOX_SETTINGS).map(([k, from]) => [k, source[from]]));
  const config = awsConfig({ ...shared, ...own });
  if (config.AWS_ENDPOINT_URL || config.AWS_CREDENTIALS_PROFILE) return { mode: "sandbox", config };
  return {
    mode: "dry_run",
    config,
    reason:
      "Rehearsal: no AWS sandbox is configured (AWS_SANDBOX_ENDPOINT_URL or AWS_SANDBOX_PROFILE), so the step is a dry run: its plan is recorded and nothing is called.",
  };
}
