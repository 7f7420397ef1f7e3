import { describe, expect, it } from "vitest";
import { serverActionRefusal } from "@/lib/security/action-request";

const ORIGIN = "http://localhost:3000";
const action = (body: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/runs`, {
    method: "POST",
    body,
    headers: {
      "next-action": "abc",
      host: "localhost:3000",
      origin: ORIGIN,
      "content-type": "text/plain",
      ...headers,
    },
  });

describe("serverActionRefusal", () => {
  it("lets a well-formed call through, React's own escapes included", async () => {
    expect(
      await serverActionRefusal(
        action(JSON.stringify([{ a: "$$dollar", b: "$undefined", c: "$D2026-01-01" }])),
        [],
      ),
    ).toBeNull();
    expect(
      await serverActionRefusal(new Request(`${ORIGIN}/runs`, { method: "POST", body: "x" }), []),
    ).toBeNull();
  });

  it("answers another site with 403", async () => {
    expect(await serverActionRefusal(action("[]", { origin: "https://evil.example" }), [])).toMatchObject({
      status: 403,
    });
  });

  it("answers a body that is not JSON, or points at parts it does not have, with 400", async () => {
    expect(await serverActionRefusal(action("[{not json"), [])).toMatchObject({ status: 400 });
    for (const ref of ["$", "$@1", "$Q0", "$K1", "$h2"]) {
      expect(await serverActionRefusal(action(JSON.stringify([{ x: { "": ref } }])), []), ref).toMatchObject({
        status: 400,
      });
    }
  });
});
