import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/security/headers";
import { REQUEST_ID_HEADER } from "@/lib/log/request-id";

/**
 * Security headers on every response, with a fresh CSP nonce per request. Next.js reads
 * the nonce from the request's Content-Security-Policy header and puts it on the scripts
 * it renders. Nothing here decides who may do what: that is the domain functions' job.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
  });
  const forwarded = new Headers(request.headers);
  const requestId = requestIdOf(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

/** A proxy's request id is kept when it looks like one, so log lines join across hops. */
function requestIdOf(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && /^[\w.:-]{8,128}$/.test(given) ? given : crypto.randomUUID();
}
