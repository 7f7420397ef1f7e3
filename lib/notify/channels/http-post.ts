import "server-only";
import { env } from "@/lib/env";
import { DeliveryError } from "@/lib/notify/channels/delivery-error";

export type HttpAnswer = { status: number; body: string };

// A provider's error page can be large; the evidence keeps the start of it.
const BODY_LIMIT = 2_000;
// However long a provider asks us to wait, an announcement older than this is no longer news.
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * POSTs JSON with a timeout and sorts the answer: 2xx returns; 429 and 5xx, timeouts and
 * network errors are worth another try; any other 4xx is permanent. `provider` names the
 * far end in messages, which never contain the URL (a Slack webhook URL is a secret).
 */
export async function postJson(
  provider: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const timeoutMs = env().INTEGRATION_HTTP_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    if (name === "TimeoutError" || name === "AbortError")
      throw new DeliveryError(`${provider} did not answer within ${timeoutMs} ms.`);
    throw new DeliveryError(`${provider} could not be reached (${describeNetworkError(err)}).`);
  }
  const text = (await res.text().catch(() => "")).slice(0, BODY_LIMIT);
  if (res.ok) return { status: res.status, body: text };
  const answer = `${provider} answered ${res.status}${text ? `: ${text.slice(0, 300)}` : ""}`;
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers.get("retry-after"));
    throw new DeliveryError(answer, { retryAfterMs: wait ?? undefined });
  }
  if (res.status === 408 || res.status >= 500) throw new DeliveryError(answer);
  throw new DeliveryError(answer, { permanent: true });
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

function describeNetworkError(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (err instanceof Error ? err.message : "unknown error");
}
