import { afterEach, describe, expect, it } from "vitest";
import { checkAwsConfig } from "@/lib/aws/config";

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

// Nothing but the environment: no profile files, no instance metadata.
function isolate(env: Record<string, string>) {
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  Object.assign(process.env, {
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
    AWS_CONFIG_FILE: "/nonexistent/config",
    AWS_EC2_METADATA_DISABLED: "true",
    ...env,
  });
}

describe("checkAwsConfig (for the settings page and the readiness endpoint)", () => {
  it("finds the Region and credentials and names the step settings still missing", async () => {
    isolate({
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLEEXAMPLE12",
      AWS_SECRET_ACCESS_KEY: "s3cr3t-s3cr3t-s3cr3t",
    });
    const check = await checkAwsConfig();
    expect(check).toMatchObject({ ok: true, region: "eu-west-1", credentials: "found", problems: [] });
    expect(check.stepSettings.backup).toEqual([
      "AWS_BACKUP_VAULT",
      "AWS_BACKUP_RESOURCE_ARN",
      "AWS_BACKUP_ROLE_ARN",
    ]);
    expect(JSON.stringify(check)).not.toContain("s3cr3t");
  });

  it("reports a missing Region and missing credentials without calling AWS", async () => {
    isolate({});
    const check = await checkAwsConfig(process.env, 1_500);
    expect(check.ok).toBe(false);
    expect(check.credentials).toBe("missing");
    expect(check.problems[0]).toBe("AWS_REGION is not set.");
    expect(check.problems[1]).toMatch(/^No AWS credentials/);
  });

  it("reports settings that do not parse", async () => {
    isolate({ AWS_REGION: "eu-west-1", AWS_MAX_ATTEMPTS: "lots" });
    const check = await checkAwsConfig();
    expect(check).toMatchObject({ ok: false, problems: [expect.stringMatching(/AWS_MAX_ATTEMPTS/)] });
  });
});
