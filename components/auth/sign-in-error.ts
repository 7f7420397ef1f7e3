/**
 * The sign-in page's message for next-auth's error code. Unknown emails and wrong
 * passwords share one message, and the rate limit's applies to both alike.
 */
export function signInErrorMessage(code: string): string {
  if (code === "CredentialsSignin") return "Wrong email or password.";
  if (/^Too many attempts; try again in \d+ minutes?\.$/.test(code)) return code;
  if (code === "AccessDenied") return "That account cannot sign in to Runsheet; ask an admin to add you.";
  return "Sign-in failed; try again.";
}
