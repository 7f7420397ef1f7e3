/**
 * The HTTP half of the front-door smoke test: waits until the app says it is ready (the
 * sign-in line npm start prints, and the sign-in page), signs in as the demo operator
 * through next-auth's credentials endpoint, and loads run #1. Node only, no dependencies.
 * Usage: node front-door-check.mjs BASE_URL LOG_FILE PID
 */
import { readFileSync } from "node:fs";

const [base, logFile, pid] = process.argv.slice(2);
const DEADLINE_MS = 15 * 60_000; // npm install and the first build on a busy 2-core machine
const started = Date.now();

const alive = () => {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
};
const printed = () => readFileSync(logFile, "utf8");
const fail = (why) => {
  console.error(`front door: ${why}`);
  process.exit(1);
};

while (!/Runsheet is ready at /.test(printed())) {
  if (!alive()) fail("npm start exited before it said it was ready");
  if (Date.now() - started > DEADLINE_MS) fail("npm start did not say it was ready in 15 minutes");
  await new Promise((r) => setTimeout(r, 1_000));
}
console.log(`front door: ready after ${Math.round((Date.now() - started) / 1000)} s`);
const signinPage = await fetch(`${base}/signin`);
if (!signinPage.ok) fail(`the sign-in page answered ${signinPage.status}`);

const jar = new Map();
const take = (res) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
};
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
const csrf = await fetch(`${base}/api/auth/csrf`);
take(csrf);
const { csrfToken } = await csrf.json();
const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
  body: new URLSearchParams({
    csrfToken,
    email: "olivia@runsheet.local",
    password: "runsheet-demo-password",
    json: "true",
  }),
  redirect: "manual",
});
take(signIn);
if (![...jar.keys()].some((k) => k.endsWith("session-token"))) fail("signing in as the demo operator failed");
console.log("front door: signed in as olivia@runsheet.local");

const run = await fetch(`${base}/runs/1`, { headers: { cookie: cookie() }, redirect: "manual" });
const html = await run.text();
if (run.status !== 200) fail(`run #1 answered ${run.status}`);
if (!html.includes("Promote Changeset v4.3 To Production")) fail("run #1 does not show its title");
console.log("front door: run #1 loads");
