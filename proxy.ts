import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/security/headers";
import { REQUEST_ID_HEADER } from "@/lib/log/request-id";
import { bodyRefusal, MAX_REQUEST_BYTES } from "@/lib/http/read-body";
import { allowedOrigins } from "@/lib/security/allowed-origins";
import { serverActionRefusal } from "@/lib/security/action-request";

/**
 * Security headers on every response, with a fresh CSP nonce per request. Next.js reads
 * the nonce from the request's Content-Security-Policy header and puts it on the scripts
 * it renders. Nothing here decides who may do what: that is the domain functions' job.
 * Requests no route could accept (an oversized body, a server action from another site or
 * with an undecodable body) are answered here as the 4xx they are.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
  });
  // A body no route takes is refused by its declared length before anyone reads it, and
  // before anything asks who is sending it: an anonymous 64 MB POST costs nothing.
  const tooLarge = bodyRefusal(request.headers, MAX_REQUEST_BYTES);
  if (tooLarge) {
    const res = NextResponse.json({ error: tooLarge.error, code: "too_large" }, { status: tooLarge.status });
    for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
    res.headers.set("connection", "close");
    return res;
  }
  // A path that is not valid percent-encoded UTF-8 (/api/v1/runs/%ED%A0%80) cannot name
  // anything; Next would fail decoding its parameters with a 500.
  if (!decodablePath(request.nextUrl.pathname)) {
    const res = NextResponse.json(
      { error: "The address is not valid.", code: "validation" },
      { status: 400 },
    );
    for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
    return res;
  }
  const refusal = await serverActionRefusal(request, allowedOrigins());
  if (refusal) {
    const res = NextResponse.json({ error: refusal.error, code: refusal.code }, { status: refusal.status });
    for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
    return res;
  }
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

function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
