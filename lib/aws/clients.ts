import "server-only";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { BackupClient } from "@aws-sdk/client-backup";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { Route53Client } from "@aws-sdk/client-route-53";
import type { AwsConfig } from "@/lib/aws/config";

export type AwsClients = {
  backup: BackupClient;
  cloudFormation: CloudFormationClient;
  autoScaling: AutoScalingClient;
  elbv2: ElasticLoadBalancingV2Client;
  route53: Route53Client;
};

// Production's and the sandbox's clients side by side: a rehearsal never reuses production's.
const cached = new Map<string, AwsClients>();

/**
 * The one place the AWS clients are made. Credentials come from the default provider
 * chain; the standard retry strategy backs off on throttling, 5xx and timeouts. The
 * request timeout must throw, or a hung connection would stall a step's polling for good.
 */
export function awsClients(config: AwsConfig): AwsClients {
  const key = JSON.stringify([
    config.AWS_REGION,
    config.AWS_ENDPOINT_URL,
    config.AWS_CREDENTIALS_PROFILE,
    config.AWS_MAX_ATTEMPTS,
    config.AWS_REQUEST_TIMEOUT_MS,
    config.AWS_CONNECT_TIMEOUT_MS,
  ]);
  const found = cached.get(key);
  if (found) return found;
  const common = {
    ...(config.AWS_REGION ? { region: config.AWS_REGION } : {}),
    ...(config.AWS_ENDPOINT_URL ? { endpoint: config.AWS_ENDPOINT_URL } : {}),
    // A profile skips the environment's keys; without an endpoint of its own, the
    // environment's AWS_ENDPOINT_URL (production's stand-in) is not used either.
    ...(config.AWS_CREDENTIALS_PROFILE
      ? { profile: config.AWS_CREDENTIALS_PROFILE, ignoreConfiguredEndpointUrls: !config.AWS_ENDPOINT_URL }
      : {}),
    maxAttempts: config.AWS_MAX_ATTEMPTS,
    retryMode: "standard",
    requestHandler: {
      requestTimeout: config.AWS_REQUEST_TIMEOUT_MS,
      connectionTimeout: config.AWS_CONNECT_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  } as const;
  const clients: AwsClients = {
    backup: new BackupClient(common),
    cloudFormation: new CloudFormationClient(common),
    autoScaling: new AutoScalingClient(common),
    elbv2: new ElasticLoadBalancingV2Client(common),
    route53: new Route53Client(common),
  };
  cached.set(key, clients);
  return clients;
}
