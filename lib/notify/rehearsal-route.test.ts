import { describe, expect, it } from "vitest";
import { routeFor } from "@/lib/notify/rehearsal-route";
import type { Channel, TargetConfig } from "@/lib/notify/target-config";

const email = { addresses: ["watch@prod.example.test"], testAddresses: ["rehearsal@example.test"] };
const slack = { webhookEnv: "SLACK_WEBHOOK_PROD", testWebhookEnv: "SLACK_WEBHOOK_REHEARSAL" };
const page = { pageId: "prodpage1", incidentStatus: "identified" as const, testPageId: "testpage1" };

describe("where a run's announcement goes", () => {
  it("a production run uses the target as configured", () => {
    expect(routeFor({ rehearsal: false }, "email", email)).toEqual({ to: "production", config: email });
    expect(routeFor({ rehearsal: false }, "statuspage", page)).toEqual({ to: "production", config: page });
  });

  it("a rehearsal uses only the test destination: no production address, webhook or page is in its config", () => {
    const r = { rehearsal: true };
    expect(routeFor(r, "email", email)).toEqual({
      to: "test",
      config: { addresses: ["rehearsal@example.test"] },
    });
    expect(routeFor(r, "slack", slack)).toEqual({
      to: "test",
      config: { webhookEnv: "SLACK_WEBHOOK_REHEARSAL" },
    });
    expect(routeFor(r, "statuspage", page)).toEqual({
      to: "test",
      config: { pageId: "testpage1", incidentStatus: "identified" },
    });
    for (const [channel, config] of [
      ["email", email],
      ["slack", slack],
      ["statuspage", page],
    ] as const) {
      const text = JSON.stringify(routeFor(r, channel, config));
      expect(text).not.toMatch(/prod/i);
    }
  });

  it("a rehearsal to a target without a test destination is captured, never sent to production", () => {
    const r = { rehearsal: true };
    const targets: [Channel, TargetConfig][] = [
      ["email", { addresses: ["watch@prod.example.test"] }],
      ["email", { addresses: ["watch@prod.example.test"], testAddresses: [] }],
      ["slack", { webhookEnv: "SLACK_WEBHOOK_PROD" }],
      ["statuspage", { pageId: "prodpage1", incidentStatus: "identified" }],
    ];
    for (const [channel, config] of targets) {
      const route = routeFor(r, channel, config);
      expect(route.to).toBe("capture");
      expect(route).not.toHaveProperty("config");
    }
  });
});
