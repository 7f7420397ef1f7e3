import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConflictError, RateLimitedError } from "@/lib/errors";
import { TemplateImportError } from "@/lib/templates/import-error";
import { db } from "@/lib/db";
import { errorAnswer, INTERNAL_ERROR } from "./error-answer";

const silent = pino({ level: "silent" });

describe("errorAnswer", () => {
  it("answers an expected error with its own status and body", () => {
    const answer = errorAnswer(new ConflictError("changed", { version: 2 }), silent);
    expect(answer).toEqual({
      status: 409,
      body: { error: "changed", code: "conflict", current: { version: 2 } },
      headers: {},
    });
  });

  it("keeps a refused template's lines and says when to retry a rate limit", () => {
    const refused = errorAnswer(new TemplateImportError([{ line: 3, message: "bad" }]), silent);
    expect(refused.body).toEqual({
      error: "line 3: bad",
      code: "import",
      issues: [{ line: 3, message: "bad" }],
    });
    expect(errorAnswer(new RateLimitedError(90_000), silent).headers).toEqual({ "retry-after": "90" });
  });

  it("answers anything else as a generic 500 naming the request id, never the error", () => {
    const lines: string[] = [];
    const log = pino({ level: "error" }, { write: (l: string) => lines.push(l) }).child({ requestId: "r-1" });
    const answer = errorAnswer(new Error('relation "users" does not exist'), log);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: INTERNAL_ERROR, code: "internal", requestId: "r-1" });
    expect(JSON.stringify(answer.body)).not.toContain("relation");
    expect(JSON.parse(lines[0]!)).toMatchObject({
      requestId: "r-1",
      err: { message: 'relation "users" does not exist' },
    });
  });

  it("answers text PostgreSQL refuses to store as a bad request, not a server error", async () => {
    const refused = await db()
      .template.findUnique({ where: { slug: "a\u0000b" } })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(refused).not.toBeNull();
    const answer = errorAnswer(refused, silent);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation");
  });
});
