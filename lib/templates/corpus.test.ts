import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { walkItems } from "./definition";
import { exportTemplateMarkdown } from "./export-markdown";
import { analyseTemplate, parseTemplate } from "./parse-template";
import { missingLines, withoutLines } from "./round-trip-check";

const dir = new URL("./corpus/", import.meta.url);
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .sort();
const read = (name: string) => readFileSync(new URL(name, dir), "utf8");

describe("the corpus of runbooks of different shapes", () => {
  it("holds at least ten templates", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(corpus)("%s", (name) => {
    const source = read(name);
    const first = parseTemplate(source);
    const exported = exportTemplateMarkdown(first);

    it("exports every line of content it was given", () => {
      expect(missingLines(source, exported)).toEqual([]);
    });

    it("imports its export as the same definition", () => {
      expect(withoutLines(parseTemplate(exported))).toEqual(withoutLines(first));
    });

    it("exports its export unchanged", () => {
      expect(exportTemplateMarkdown(parseTemplate(exported))).toBe(exported);
    });

    it("has no automation step it was not annotated with", () => {
      const annotated = (source.match(/kind=automation/g) ?? []).length;
      const automation = [...walkItems(first)].filter(({ item }) => item.kind === "automation");
      expect(automation.length).toBe(annotated);
    });
  });
});

describe("an unseen release checklist", () => {
  const source = read("release-management.md");
  const { definition, warnings, suggestions } = analyseTemplate(source);
  const exported = exportTemplateMarkdown(definition);

  it("keeps its fenced commands, reference links and time-of-day groups", () => {
    expect(exported).toContain("/chatops run release prepare {{version}}");
    expect(exported).toContain("git push origin v{{version}}-rc1");
    expect(exported).toContain("[docs]: https://docs.example.com/release/monthly.md");
    expect(exported).toContain("[runbook]: https://runbooks.example.com/release");
    expect(exported).toContain("Update the [runbook] with anything");
    for (const time of ["09:00 UTC", "13:00 UTC", "18:00 UTC"]) expect(exported).toContain(`* ${time}`);
    const day = definition.sections.find((s) => s.title === "Release day");
    expect(day?.items.map((i) => [i.text, i.group, i.children.length])).toEqual([
      ["09:00 UTC", true, 2],
      ["13:00 UTC", true, 2],
      ["18:00 UTC", true, 1],
    ]);
  });

  it("keeps bodies, intros and pre-ticked items", () => {
    const prep = definition.sections.find((s) => s.title === "Preparation")!;
    expect(prep.intro).toBe("Release managers: `<RELEASE_MANAGER_HANDLES>`");
    expect(prep.items[0]?.body).toContain("/chatops run release prepare {{version}}");
    expect(prep.items[1]?.done).toBe(true);
    expect(prep.items[2]?.body).toBe("> :warning: Do not post the security fixes here.");
    expect(definition.preamble).toContain("[docs]: https://docs.example.com/release/monthly.md");
  });

  it("reads its quick actions", () => {
    expect(definition.quickActions?.map((a) => [a.command, a.args])).toEqual([
      ["assign", "@release-managers"],
      ["label", '~release ~"team::delivery"'],
      ["milestone", '%"16.7"'],
      ["due", "in 7 days"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("makes typed fields of placeholders in all syntaxes, named by their labels", () => {
    const byKey = Object.fromEntries(definition.fields.map((f) => [f.key, f]));
    expect(byKey.version).toMatchObject({ type: "version", source: "overview" });
    expect(byKey.releaseDate).toMatchObject({ type: "date", source: "overview" });
    expect(byKey.releaseManagerHandles).toMatchObject({ type: "handles", label: "Release managers" });
    expect(byKey.ownerHandle).toMatchObject({ type: "handles" });
    expect(definition.fields.some((f) => f.hint === "VERSION")).toBe(true);
    expect(definition.titlePattern).toBe("Release {{version}} on {{releaseDate}}");
  });

  it("suggests kinds only, and never an automation step", () => {
    expect([...walkItems(definition)].every(({ item }) => item.kind !== "automation")).toBe(true);
    expect(suggestions.every((s) => s.kind !== "task")).toBe(true);
  });
});
