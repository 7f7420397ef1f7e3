import { describe, expect, it } from "vitest";
import { targetConfigFrom } from "@/components/settings/integration-target-fields";

function form(entries: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}

describe("targetConfigFrom", () => {
  it("splits an email list on lines, commas and semicolons, and leaves a blank test destination out", () => {
    expect(
      targetConfigFrom("email", form({ addresses: "a@x.test\nb@x.test; c@x.test", testAddresses: " " })),
    ).toEqual({
      addresses: ["a@x.test", "b@x.test", "c@x.test"],
    });
  });

  it("keeps a test destination when one is given", () => {
    expect(targetConfigFrom("slack", form({ webhookEnv: " SLACK_A ", testWebhookEnv: "SLACK_T" }))).toEqual({
      webhookEnv: "SLACK_A",
      testWebhookEnv: "SLACK_T",
    });
    expect(
      targetConfigFrom("statuspage", form({ pageId: "p1", incidentStatus: "identified", testPageId: "t1" })),
    ).toEqual({ pageId: "p1", incidentStatus: "identified", testPageId: "t1" });
  });
});
