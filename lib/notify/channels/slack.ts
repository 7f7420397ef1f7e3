import "server-only";
import { postJson } from "@/lib/notify/channels/http-post";
import { DeliveryError, type Delivered } from "@/lib/notify/channels/delivery-error";

/** An incoming webhook answers 200 with the body "ok"; anything else is not a post. */
export async function deliverSlack(webhookUrl: string, payload: { text: string }): Promise<Delivered> {
  const answer = await postJson("Slack", webhookUrl, payload);
  if (answer.body.trim() !== "ok")
    throw new DeliveryError(`Slack answered ${answer.status} without "ok": ${answer.body.slice(0, 300)}`);
  return {
    summary: `Slack answered ${answer.status} "ok"`,
    response: { status: answer.status, body: answer.body },
  };
}
