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
  try {
    JSON.parse(await request.clone().text());
    return null;
  } catch {
    return { status: 400, error: "The request body is not a valid action call.", code: "validation" };
  }
}
