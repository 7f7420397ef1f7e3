/**
 * Where to send the browser after signing in, given an untrusted `callbackUrl`.
 *
 * The value is resolved the way a browser will resolve it (`new URL(value, origin)`), not
 * matched as a string: browsers drop tabs and newlines and read "\" as "/", so
 * "/\t/evil.example" and "/\evil.example" both mean "//evil.example", another site. Only a
 * result on our own origin is kept, and the path goes back without repeated leading
 * slashes so that it cannot turn into a scheme-relative URL again. Shared by the sign-in
 * form (browser) and next-auth's `redirect` callback (server).
 */
export function safeCallbackPath(value: string | null | undefined, origin: string): string {
  if (!value) return "/";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  const path = `/${url.pathname.replace(/^[/\\]+/, "")}${url.search}${url.hash}`;
  return path;
}
