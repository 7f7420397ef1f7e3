/**
 * Ends this session the way next-auth's own client does (its CSRF token, then POST
 * /api/auth/signout), without loading that client on every signed-in page: the layout
 * needs this one call and nothing else from it.
 */
export async function signOutTo(callbackUrl: string) {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  window.location.assign(callbackUrl);
}
