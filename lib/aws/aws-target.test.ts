import { describe, expect, it } from "vitest";
import { awsTargetFor } from "@/lib/aws/aws-target";

const production = {
  AWS_REGION: "eu-west-1",
  AWS_ENDPOINT_URL: "http://127.0.0.1:1/production",
  AWS_BACKUP_VAULT: "prod-vault",
  AWS_BACKUP_RESOURCE_ARN: "arn:aws:rds:eu-west-1:111111111111:db:prod",
  AWS_BACKUP_ROLE_ARN: "arn:aws:iam::111111111111:role/prod-backup",
  AWS_ROUTE53_HOSTED_ZONE_ID: "ZPROD",
  AWS_ROUTE53_RECORD_NAME: "andromeda.example.com",
  POST_CUTOVER_TESTS_URL: "http://127.0.0.1:1/prod-tests",
  AWS_POLL_INTERVAL_MS: "250",
};

describe("where a run's AWS steps act", () => {
  it("a production run acts with the production settings", () => {
    const t = awsTargetFor({ rehearsal: false }, production);
    expect(t.mode).toBe("production");
    expect(t.config.AWS_ENDPOINT_URL).toBe(production.AWS_ENDPOINT_URL);
    expect(t.config.AWS_BACKUP_VAULT).toBe("prod-vault");
  });

  it("a rehearsal without a sandbox is a dry run, and its settings hold nothing of production's", () => {
    const t = awsTargetFor({ rehearsal: true }, production);
    expect(t.mode).toBe("dry_run");
    expect(JSON.stringify(t.config)).not.toMatch(/prod|eu-west-1|111111111111/);
    // Tuning is shared: it says nothing about where the steps act.
    expect(t.config.AWS_POLL_INTERVAL_MS).toBe(250);
  });

  it("a rehearsal with a sandbox acts there, with the sandbox's own region, endpoint, profile and resources", () => {
    const t = awsTargetFor(
      { rehearsal: true },
      {
        ...production,
        AWS_SANDBOX_REGION: "us-west-2",
        AWS_SANDBOX_ENDPOINT_URL: "http://127.0.0.1:2/sandbox",
        AWS_SANDBOX_PROFILE: "sandbox",
        AWS_SANDBOX_BACKUP_VAULT: "sandbox-vault",
      },
    );
    expect(t.mode).toBe("sandbox");
    expect(t.config).toMatchObject({
      AWS_REGION: "us-west-2",
      AWS_ENDPOINT_URL: "http://127.0.0.1:2/sandbox",
      AWS_CREDENTIALS_PROFILE: "sandbox",
      AWS_BACKUP_VAULT: "sandbox-vault",
    });
    // A sandbox setting left unset stays unset (a named gap), never production's value.
    expect(t.config.AWS_ROUTE53_HOSTED_ZONE_ID).toBeUndefined();
    expect(JSON.stringify(t.config)).not.toMatch(/prod|eu-west-1/);
  });

  it("a profile alone makes a sandbox; a region alone does not (it would use production's credentials)", () => {
    expect(awsTargetFor({ rehearsal: true }, { AWS_SANDBOX_PROFILE: "sandbox" }).mode).toBe("sandbox");
    expect(awsTargetFor({ rehearsal: true }, { AWS_SANDBOX_REGION: "us-west-2" }).mode).toBe("dry_run");
  });
});
