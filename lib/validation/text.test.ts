import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { promotionFilterSchema } from "@/lib/audit/promotion-filter";
import { firstUnstorableString, safeText, UNSTORABLE_MESSAGE } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse-input";

describe("safeText", () => {
  const schema = safeText(10);
  it("takes ordinary text, emoji (paired surrogates) included", () => {
    expect(schema.parse("ok 👍")).toBe("ok 👍");
  });
  it.each([
    ["a NUL", "a\u0000b"],
    ["a lone high surrogate", "a\uD800b"],
    ["a lone low surrogate", "\uDC00"],
    ["a reversed pair", "\uDC00\uD800"],
  ])("refuses %s", (_what, value) => {
    expect(schema.safeParse(value).error?.issues[0]?.message).toBe(
      "Must not contain NUL characters or unpaired surrogates",
    );
  });
  it("refuses more than its length", () => {
    expect(schema.safeParse("x".repeat(11)).error?.issues[0]?.message).toBe("At most 10 characters");
  });
});

describe("firstUnstorableString", () => {
  it("names the path of the first bad string, keys included", () => {
    expect(firstUnstorableString({ a: "ok", b: [{ c: "x\u0000" }] })).toBe("b.0.c");
    expect(firstUnstorableString({ fields: { "k\uD800": "v" } })).toBe("fields.k\uD800");
    expect(firstUnstorableString(["fine", 1, null, { deep: "fine" }])).toBeNull();
  });
});

describe("server actions", () => {
  it("answer a NUL or lone surrogate anywhere in the input with a validation error naming the field", async () => {
    const schema = z.object({ runId: z.string(), note: z.string() });
    const called: unknown[] = [];
    const result = await runAction(schema, { runId: "r", note: "bad\u0000note" }, async (_a, input) => {
      called.push(input);
      return input;
    });
    expect(result).toEqual({
      ok: false,
      code: "validation",
      error: "The request was not valid.",
      fieldErrors: { note: ["Must not contain NUL characters or unpaired surrogates"] },
    });
    const loose = await runAction(
      z.object({ config: z.record(z.string(), z.unknown()) }),
      {
        config: { url: "https://x", list: ["\uDFFF"] },
      },
      async () => null,
    );
    expect(loose).toMatchObject({ ok: false, fieldErrors: { "config.list.0": expect.any(Array) } });
    expect(called).toEqual([]);
  });
});

describe("the promotions filter", () => {
  it("refuses a date that has the shape but is not on the calendar", () => {
    expect(promotionFilterSchema.safeParse({ from: "9999-99-99" }).success).toBe(false);
    expect(promotionFilterSchema.safeParse({ to: "2026-02-30" }).success).toBe(false);
    expect(promotionFilterSchema.safeParse({ from: "2026-02-28" }).success).toBe(true);
  });
});

describe("parseInput", () => {
  it("refuses a NUL even in a field its schema does not look into, naming the path", () => {
    const schema = z.object({ template: z.string(), extra: z.unknown() });
    expect(() => parseInput(schema, { template: "t", extra: { deep: ["ok", "a\u0000"] } })).toThrow(
      expect.objectContaining({ fieldErrors: { "extra.deep.1": [UNSTORABLE_MESSAGE] } }),
    );
  });
});
