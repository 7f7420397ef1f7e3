import { startStandaloneServer } from "../server/standalone-server";

export type AppServer = { base: string; port: number; stop: () => Promise<void> };

/** The standalone production server on 127.0.0.1, ready once /api/ready answers. */
export async function startApp(
  port: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<AppServer> {
  const base = `http://127.0.0.1:${port}`;
  const app = startStandaloneServer({
    port,
    env: { ...process.env, ...env, NEXTAUTH_URL: base },
    stdio: ["ignore", "ignore", "inherit"],
    distDir: env.NEXT_DIST_DIR,
    nodeArgs,
  });
  try {
    await app.ready(60_000);
  } catch (err) {
    await app.stop();
    throw err;
  }
  return { base, port, stop: app.stop };
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const take = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0]!;
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  take(res);
  if (![...jar.keys()].some((k) => k.endsWith("session-token")))
    throw new Error(`sign-in of ${email} failed`);
  return cookie();
}
