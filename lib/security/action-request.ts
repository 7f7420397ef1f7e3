import { isCrossSiteRequest } from "@/lib/security/same-origin";

/**
 * Server actions are refused by Next.js itself when they come from another site or carry a
 * body it cannot decode, but as a thrown error: a 500 that says "our fault". proxy.ts asks
 * these questions first and answers them as what they are, 403 and 400.
 */
export type ActionRefusal = { status: 400 | 403; error: string; code: string };

export function isServerActionRequest(request: Request): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

export async function serverActionRefusal(
  request: Request,
  allowedOrigins: readonly string[],
): Promise<ActionRefusal | null> {
  if (!isServerActionRequest(request)) return null;
  if (isCrossSiteRequest(request.headers, allowedOrigins)) {
    return { status: 403, error: "Requests from other sites are refused.", code: "forbidden" };
  }
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) return null;
  // A non-multipart action body is the JSON of its arguments (React's encodeReply).
  const invalid = {
    status: 400 as const,
    error: "The request body is not a valid action call.",
    code: "validation",
  };
  let args: unknown;
  try {
    args = JSON.parse(await request.clone().text());
  } catch {
    return invalid;
  }
  return hasDanglingReference(args) ? invalid : null;
}

/**
 * In a plain JSON reply React writes a string that starts with "$" only as "$$…" (a user's
 * "$"), a special value ("$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"), a date
 * ("$D…") or a bigint ("$n…"). Any other "$…" points at a part that only a multipart body
 * has, and decoding it fails inside Next as a 500.
 */
const PLAIN_REFERENCE = /^\$(\$|undefined$|NaN$|-?Infinity$|-0$|D|n-?\d+$)/;

function hasDanglingReference(value: unknown): boolean {
  if (typeof value === "string") return value.startsWith("$") && !PLAIN_REFERENCE.test(value);
  if (Array.isArray(value)) return value.some(hasDanglingReference);
  if (value && typeof value === "object") return Object.values(value).some(hasDanglingReference);
  return false;
}
