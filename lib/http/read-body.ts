import { PayloadTooLargeError } from "@/lib/errors";

/** The most any request may send, whatever the route (proxy.ts; server actions' bodySizeLimit). */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export function tooLargeMessage(maxBytes: number): string {
  return `The request body is larger than ${formatLimit(maxBytes)}.`;
}

/**
 * Reads a request body of at most `maxBytes`: refused at once by its Content-Length, and
 * otherwise read chunk by chunk and abandoned as soon as it passes the limit, so that a
 * large or endless body never sits in memory. Call it only after the caller is known:
 * an anonymous request should be turned away before its body is read at all.
 */
export async function readBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    throw new PayloadTooLargeError(tooLargeMessage(maxBytes));
  }
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(tooLargeMessage(maxBytes));
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return body;
}

/**
 * For proxy.ts, before any route runs: a body declared larger than `maxBytes`, or one that
 * declares no length at all on a chunked request, is refused without being read.
 */
export function bodyRefusal(headers: Headers, maxBytes: number): { status: 411 | 413; error: string } | null {
  const declared = headers.get("content-length");
  if (declared === null) {
    return headers.has("transfer-encoding")
      ? { status: 411, error: "Send the request body with a Content-Length." }
      : null;
  }
  const n = Number(declared);
  if (!Number.isFinite(n) || n < 0) return { status: 413, error: tooLargeMessage(maxBytes) };
  return n > maxBytes ? { status: 413, error: tooLargeMessage(maxBytes) } : null;
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}
