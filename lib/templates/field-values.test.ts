import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FieldDef } from "./definition";
import { fieldValueSchema, runFieldsSchema } from "./field-values";
import { parseTemplate } from "./parse-template";

const seed = parseTemplate(
  readFileSync(new URL("./builtin/promote-changeset-to-production.md", import.meta.url), "utf8"),
);
const schema = runFieldsSchema(seed.fields);

const GOOD = {
  promotionDate: "2026-12-01",
  changesetVersion: "4.3",
  checklistCompleters: "@alice, @bob.smith @carol-d",
  stackIdForPrechangeBlueStack:
    "arn:aws:cloudformation:us-east-1:123456789012:stack/andromeda-blue/1a2b3c4d-0000-1111-2222-333344445555",
  stackIdForPrechangeGreenStack: "andromeda-green_2",
};

/** The messages zod gives per field for `input`, or null when it is accepted. */
function errors(input: Record<string, unknown>): Record<string, string[]> | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

describe("runFieldsSchema on the seed template", () => {
  it("asks for the overview fields at the start, with the version and the date required", () => {
    const byKey = new Map(seed.fields.map((f) => [f.key, f]));
    expect(Object.keys(schema.shape)).toEqual([
      "promotionDate",
      "checklistCompleters",
      "changesetVersion",
      "stackIdForPrechangeBlueStack",
      "stackIdForPrechangeGreenStack",
    ]);
    for (const key of Object.keys(schema.shape)) expect(byKey.get(key)?.source).toBe("overview");
    expect(byKey.get("promotionDate")?.required).toBe(true);
    expect(byKey.get("changesetVersion")?.required).toBe(true);
  });

  it("accepts good values as they are", () => {
    expect(schema.parse(GOOD)).toEqual(GOOD);
  });

  it("trims what it accepts", () => {
    expect(
      schema.parse({
        promotionDate: " 2026-12-01\n",
        changesetVersion: "\t4.3 ",
        checklistCompleters: "  @alice ",
        stackIdForPrechangeBlueStack: " blue-1 ",
      }),
    ).toEqual({
      promotionDate: "2026-12-01",
      changesetVersion: "4.3",
      checklistCompleters: "@alice",
      stackIdForPrechangeBlueStack: "blue-1",
    });
  });

  it("drops empty optional fields and fields it does not ask for", () => {
    const data = schema.parse({
      promotionDate: "2026-12-01",
      changesetVersion: "4.3",
      checklistCompleters: "",
      stackIdForPrechangeBlueStack: "   ",
      maintenanceWindowDateTime: "2026-12-01T22:00Z",
      somethingElse: "x",
    });
    expect(Object.entries(data).filter(([, v]) => v !== undefined)).toEqual([
      ["promotionDate", "2026-12-01"],
      ["changesetVersion", "4.3"],
    ]);
    expect(data).not.toHaveProperty("maintenanceWindowDateTime");
    expect(data).not.toHaveProperty("somethingElse");
  });

  it("requires the required fields", () => {
    const missing = errors({});
    expect(Object.keys(missing ?? {}).sort()).toEqual(["changesetVersion", "promotionDate"]);
    expect(errors({ ...GOOD, changesetVersion: "  " })).toEqual({
      changesetVersion: ["Use the form X.Y, e.g. 4.3"],
    });
    expect(errors({ ...GOOD, promotionDate: "" })?.promotionDate?.[0]).toBe("Use the form YYYY-MM-DD");
  });

  it.each([
    ["changesetVersion", "4", "Use the form X.Y, e.g. 4.3"],
    ["changesetVersion", "v4.3", "Use the form X.Y, e.g. 4.3"],
    ["changesetVersion", "4.3.1", "Use the form X.Y, e.g. 4.3"],
    ["promotionDate", "2026-13-45", "Not a real date"],
    ["promotionDate", "01/12/2026", "Use the form YYYY-MM-DD"],
    ["promotionDate", "2026-1-5", "Use the form YYYY-MM-DD"],
    ["checklistCompleters", "alice", "One or more @handles, separated by commas or spaces"],
    ["checklistCompleters", "@alice; @bob", "One or more @handles, separated by commas or spaces"],
    ["stackIdForPrechangeBlueStack", "-blue", "A stack name or ARN: letters, digits, : / . _ -"],
    ["stackIdForPrechangeGreenStack", "green stack", "A stack name or ARN: letters, digits, : / . _ -"],
  ])("refuses %s %j with its message", (key, value, message) => {
    const found = errors({ ...GOOD, [key]: value });
    expect(Object.keys(found ?? {})).toEqual([key]);
    expect(found?.[key]?.[0]).toBe(message);
  });

  it("refuses values that are not strings", () => {
    expect(Object.keys(errors({ ...GOOD, changesetVersion: 4.3 }) ?? {})).toEqual(["changesetVersion"]);
    expect(Object.keys(errors({ ...GOOD, checklistCompleters: ["@alice"] }) ?? {})).toEqual([
      "checklistCompleters",
    ]);
  });
});

describe("fieldValueSchema", () => {
  const field = (type: FieldDef["type"], options?: string[]) => fieldValueSchema({ type, options });

  it("accepts only the listed options of result and decision fields", () => {
    expect(field("result").safeParse("SUCCEEDED").success).toBe(true);
    expect(field("result").safeParse("succeeded").success).toBe(false);
    expect(field("decision", ["GO", "NO GO"]).safeParse("NO GO").success).toBe(true);
    expect(field("decision", ["GO", "NO GO"]).safeParse("MAYBE").success).toBe(false);
    expect(field("decision", ["YES"]).safeParse("GO").success).toBe(false);
  });

  it("reads datetimes and checklist references", () => {
    expect(field("datetime").parse(" 2026-12-01T22:00Z ")).toBe("2026-12-01T22:00Z");
    expect(field("datetime").safeParse("tonight").error?.issues[0]?.message).toBe(
      "Use a date and time, e.g. 2026-12-01T22:00Z",
    );
    expect(field("issue_ref").parse("#12")).toBe("#12");
    expect(field("issue_ref").parse("12")).toBe("12");
    expect(field("issue_ref").safeParse("PR-12").error?.issues[0]?.message).toBe(
      "A checklist number such as #12",
    );
  });

  it("limits free text to 20,000 characters and refuses blank text", () => {
    expect(field("text").parse("  v2.7.1  ")).toBe("v2.7.1");
    expect(field("text").safeParse("x".repeat(20_000)).success).toBe(true);
    expect(field("text").safeParse("x".repeat(20_001)).success).toBe(false);
    expect(field("text").safeParse("   ").error?.issues[0]?.message).toBe("Enter a value");
  });
});
