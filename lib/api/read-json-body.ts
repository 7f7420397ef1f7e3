import "server-only";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";

/** JSON bodies of API writes: a run start with its fields is the largest, far below this. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/**
 * Reads a JSON body without ever holding more than `maxBytes`: refused by Content-Length
 * when declared, and by counting otherwise. An empty body is `{}`.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const tooLarge = () => new PayloadTooLargeError(`The request body is larger than ${maxBytes / 1024} KiB.`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) return {};
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ValidationError("The request body is not UTF-8.");
  }
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`The request body is not valid JSON: ${(err as Error).message}`);
  }
}
