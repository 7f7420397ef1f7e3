import { beforeAll, describe, expect, it } from "vitest";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { apiRoute } from "@/lib/http/api-route";
import { countApiTokenFailure, LIMITS } from "@/lib/security/rate-limit";
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
  writer = (await createApiToken(operator, { name: "w", scopes: ["templates.write"] })).token;
  reader = (await createApiToken(operator, { name: "r", scopes: ["templates.read"] })).token;
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

  it("refuses an address after too many bad tokens with 429 and Retry-After, even with a good one", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < LIMITS.apiTokenPerIp.max; i++) await countApiTokenFailure(ip);
    const res = await post({ authorization: `Bearer ${writer}`, "x-forwarded-for": ip });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect((await res.json()).code).toBe("rate_limited");
    expect((await post({ authorization: `Bearer ${writer}`, "x-forwarded-for": "192.0.2.78" })).status).toBe(
      201,
    );
  });
});
