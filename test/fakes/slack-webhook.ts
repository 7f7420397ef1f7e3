import { startFakeHttp, type FakeHttp } from "./fake-http";

export type SlackFake = FakeHttp & {
  /** The incoming webhook URL to put into SLACK_WEBHOOK_…. */
  webhookUrl: string;
  /** The texts Slack accepted (answered 200 "ok"). */
  posted: () => string[];
};

const HOOK_PATH = "/services/T00000000/B00000000/fakefakefakefakefakefake";

/** Answers like a Slack incoming webhook: 200 "ok" for {text}, 400 "invalid_payload" otherwise. */
export async function startSlackFake(): Promise<SlackFake> {
  const http = await startFakeHttp((req) => {
    if (req.method !== "POST" || req.path !== HOOK_PATH) return { status: 404, body: "no_service" };
    try {
      const body = JSON.parse(req.body) as { text?: unknown };
      if (typeof body.text === "string" && body.text) return { status: 200, body: "ok" };
    } catch {
      // falls through to Slack's answer for a body it cannot read
    }
    return { status: 400, body: "invalid_payload" };
  });
  return {
    ...http,
    webhookUrl: `${http.baseUrl}${HOOK_PATH}`,
    posted: () =>
      http.requests.filter((r) => r.status === 200).map((r) => (JSON.parse(r.body) as { text: string }).text),
  };
}
