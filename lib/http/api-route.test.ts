import { beforeAll, describe, expect, it } from "vitest";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { apiRoute } from "@/lib/http/api-route";
import { LIMITS } from "@/lib/security/rate-limit";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { makeUser } from "@/test/fixtures";

const URL_ = "http://localhost:3000/api/v1/things";
const calls: (Actor | null)[] = [];
// Answers with the actor it was given, after the check a domain function would make.
const route = apiRoute(async (_req, _ctx: unknown, actor) => {
  calls.push(actor);
  requirePermission(actor, "templates.write");
  return Response.json({ as: actor?.id ?? null }, { status: 201 });
});

let writer: string;
let reader: string;

beforeAll(async () => {
  const operator = await makeUser("operator");
  writer = (await createApiToken({ actor: operator, name: "w", scopes: ["templates.write"] })).token;
  reader = (await createApiToken({ actor: operator, name: "r", scopes: ["templates.read"] })).token;
});

function post(headers: Record<string, string>) {
  return route(new Request(URL_, { method: "POST", headers: { host: "localhost:3000", ...headers } }), {});
}

describe("apiRoute", () => {
  it("refuses a change sent from another site with 403 JSON, before looking at the caller", async () => {
    calls.length = 0;
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of foreign) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: "Requests from other sites are refused.",
        code: "forbidden",
      });
    }
    expect(calls).toEqual([]);
  });

  it("lets a Bearer token through from anywhere, as its owner within its scopes", async () => {
    const ok = await post({ origin: "https://evil.example", authorization: `Bearer ${writer}` });
    expect(ok.status).toBe(201);
    const narrow = await post({ authorization: `Bearer ${reader}` });
    expect(narrow.status).toBe(403);
    expect((await narrow.json()).error).toBe("This API token's scopes do not include templates.write.");
  });

  it("answers a bad token with 401, a message and WWW-Authenticate, and never falls back to the session", async () => {
    calls.length = 0;
    for (const [authorization, message] of [
      ["Bearer rs_00000000_" + "A".repeat(43), "Unknown API token."],
      ["Basic dXNlcjpwYXNz", "Send the API token as `Authorization: Bearer <token>`."],
      ["Bearer ", "Send the API token as `Authorization: Bearer <token>`."],
    ]) {
      const res = await post({ authorization: authorization!, "x-forwarded-for": "192.0.2.10" });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
      expect(await res.json()).toEqual({ error: message, code: "unauthenticated" });
    }
    expect(calls).toEqual([]);
  });

  it("never answers a valid token 429 because of what others sent 'from' its address", async () => {
    const victim = "192.0.2.77";
    const forged = { authorization: "Bearer rs_00000000_" + "B".repeat(43), "x-forwarded-for": victim };
    const answers = [];
    for (let i = 0; i < LIMITS.apiTokenPerIp.max + 1; i++) answers.push((await post(forged)).status);
    // Failures are still limited (TRUST_PROXY is unset: every client shares one unknown address)…
    expect(answers.at(-1)).toBe(429);
    const limited = await post(forged);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect((await limited.json()).code).toBe("rate_limited");
    // …but the victim's own valid token goes through, whatever address it claims.
    expect((await post({ authorization: `Bearer ${writer}`, "x-forwarded-for": victim })).status).toBe(201);
    expect((await post({ authorization: `Bearer ${writer}` })).status).toBe(201);
  });

  it("answers a NUL in the path or the query with 400 naming it, before the handler", async () => {
    calls.length = 0;
    const get = (url: string, params: Record<string, string>) =>
      route(new Request(url, { headers: { host: "localhost:3000" } }), { params: Promise.resolve(params) });
    const inPath = await get(URL_, { slug: "\u0000" });
    expect(inPath.status).toBe(400);
    expect((await inPath.json()).fieldErrors).toEqual({
      slug: ["Must not contain NUL characters or unpaired surrogates"],
    });
    const inQuery = await get(`${URL_}?name=a%00b`, {});
    expect(inQuery.status).toBe(400);
    expect((await inQuery.json()).fieldErrors).toHaveProperty("name");
    expect(calls).toEqual([]);
  });
});
