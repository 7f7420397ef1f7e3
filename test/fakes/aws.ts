/**
 * The strict fake AWS (test/fakes/aws/: one file per service, the server, the wire formats)
 * and the environment that points the app's AWS steps at it.
 */
import {
  BACKUP_RESOURCE_ARN,
  BACKUP_ROLE_ARN,
  BACKUP_VAULT,
  HOSTED_ZONE_ID,
  RECORD_NAME,
  type FakeAws,
} from "./aws/state";

export { startFakeAws } from "./aws/server";
export * from "./aws/state";

/** The environment that points the app's AWS steps at this fake. */
export function fakeAwsEnv(fake: FakeAws): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: fake.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKEFAKE",
    AWS_SECRET_ACCESS_KEY: "fake-secret-access-key-fake-secret-access",
    AWS_BACKUP_VAULT: BACKUP_VAULT,
    AWS_BACKUP_RESOURCE_ARN: BACKUP_RESOURCE_ARN,
    AWS_BACKUP_ROLE_ARN: BACKUP_ROLE_ARN,
    AWS_ROUTE53_HOSTED_ZONE_ID: HOSTED_ZONE_ID,
    AWS_ROUTE53_RECORD_NAME: RECORD_NAME,
    POST_CUTOVER_TESTS_URL: `${fake.url}/post-cutover-tests`,
  };
}
