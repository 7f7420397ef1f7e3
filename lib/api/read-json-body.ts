import "server-only";
import { ValidationError } from "@/lib/errors";
import { readBody } from "@/lib/http/read-body";

/** JSON bodies of API writes: a run start with its fields is the largest, far below this. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** A bounded JSON body (lib/http/read-body.ts reads it); an empty body is `{}`. */
export async function readJsonBody(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const bytes = await readBody(req, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
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
