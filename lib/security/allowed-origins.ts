import { env } from "@/lib/env";

/** The public URL's origin and ALLOWED_ORIGINS: pages there may send changes with the session. */
export function allowedOrigins(): string[] {
  const e = env();
  return [...(e.NEXTAUTH_URL ? [new URL(e.NEXTAUTH_URL).origin] : []), ...(e.ALLOWED_ORIGINS ?? [])];
}
