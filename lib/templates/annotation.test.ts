import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { walkItems } from "./definition";
import { exportTemplateMarkdown } from "./export-markdown";
import { TemplateImportError } from "./import-error";
import { parseTemplate } from "./parse-template";
import { parseAnnotation } from "./annotation";

const builtin = readFileSync(
  new URL("./builtin/promote-changeset-to-production.md", import.meta.url),
  "utf8",
);

const small = (extra: { a?: string; b?: string; heading?: string }) => `# Small

### Prepare${extra.heading ? ` ${extra.heading}` : ""}
* [ ] First step${extra.a ? ` ${extra.a}` : ""}
* [ ] Second step${extra.b ? ` ${extra.b}` : ""}
`;

function issuesOf(markdown: string) {
  try {
    parseTemplate(markdown);
  } catch (err) {
    if (err instanceof TemplateImportError) return err.issues;
    throw err;
  }
  throw new Error("the template was accepted");
}

describe("runsheet annotations", () => {
  it("reads key=value pairs and refuses what it does not know", () => {
    expect(parseAnnotation(" id=dns-switch needs=prescale,backup when=failed approvals=2 ")).toEqual({
      annotation: { id: "dns-switch", needs: ["prescale", "backup"], when: "failed", approvals: 2 },
      problems: [],
      passThrough: {},
    });
    // What an item is (annotations.ts) passes through to the Markdown reader.
    expect(parseAnnotation("id=x kind=automation automation=backup").passThrough).toEqual({
      kind: "automation",
      automation: "backup",
    });
    expect(parseAnnotation("colour=blue id=x").problems[0]).toMatch(/unknown annotation "colour"/);
    expect(parseAnnotation("approvals=zero").problems[0]).toMatch(/approvals must be a number/);
    expect(parseAnnotation("id=A").problems[0]).toMatch(/not an id/);
  });

  it("keeps the built-in promotion's gates in the definition, invisible in the item text", () => {
    const def = parseTemplate(builtin);
    const items = [...walkItems(def)].map((w) => w.item);
    const byId = (id: string) => items.find((i) => i.id === id);
    expect(byId("backup")?.automation).toBe("backup");
    expect(byId("stack-update")).toMatchObject({ automation: "cloudformation_update", needs: ["backup"] });
    expect(byId("dns-switch")).toMatchObject({ automation: "route53_switch", needs: ["prescale"] });
    expect(byId("go-decision")).toMatchObject({ kind: "decision", approvals: 2 });
    expect(def.sections.find((s) => s.branch === "go")?.id).toBe("go-phase");
    expect(items.filter((i) => i.when === "succeeded")).toHaveLength(2);
    expect(items.filter((i) => i.when === "failed")).toHaveLength(2);
    expect(items.some((i) => i.text.includes("runsheet"))).toBe(false);
    expect(def.sections.some((s) => s.title.includes("runsheet"))).toBe(false);
  });

  it("survives export and import unchanged", () => {
    const def = parseTemplate(builtin);
    const exported = exportTemplateMarkdown(def);
    expect(exported).toContain(
      "<!-- runsheet: id=dns-switch needs=prescale kind=automation automation=route53_switch -->",
    );
    expect(exported).toContain("### Phase 5: GO Decision <!-- runsheet: id=go-phase -->");
    const again = parseTemplate(exported);
    const shape = (d: typeof def) =>
      [...walkItems(d)].map(({ item }) => [item.id, item.needs, item.when, item.approvals]);
    expect(shape(again)).toEqual(shape(def));
    expect(again.sections.map((s) => [s.id, s.needs])).toEqual(def.sections.map((s) => [s.id, s.needs]));
  });

  it("refuses unknown ids, unknown attributes, cycles and stray annotations with their lines", () => {
    expect(issuesOf(small({ b: "<!-- runsheet: needs=nowhere -->" }))).toEqual([
      { line: 5, message: 'needs "nowhere": no item or phase has that id' },
    ]);
    expect(issuesOf(small({ a: "<!-- runsheet: colour=blue -->" }))[0]).toMatchObject({
      line: 4,
      message: expect.stringMatching(/unknown annotation "colour"/),
    });
    expect(
      issuesOf(small({ a: "<!-- runsheet: id=a needs=b -->", b: "<!-- runsheet: id=b needs=a -->" })),
    ).toEqual([{ line: 4, message: "needs form a cycle: a → b → a" }]);
    expect(issuesOf(small({ a: "<!-- runsheet: id=a -->", b: "<!-- runsheet: id=a -->" }))).toEqual([
      { line: 5, message: 'id "a" is already used on line 4' },
    ]);
    expect(issuesOf(`# T\n\nIntro <!-- runsheet: id=x -->\n\n### P\n* [ ] Step\n`)).toEqual([
      { line: 3, message: "a runsheet annotation must be on an item's line or a phase heading" },
    ]);
    expect(issuesOf(small({ a: "<!-- runsheet: approvals=2 -->" }))[0]?.message).toMatch(
      /only for the Go\/No-Go/,
    );
  });

  it("lets a phase wait for another phase by id", () => {
    const def = parseTemplate(
      small({ heading: "<!-- runsheet: id=prep needs=later -->" }) +
        `
### Later <!-- runsheet: id=later -->
* [ ] Third step
`,
    );
    expect(def.sections[0]).toMatchObject({ id: "prep", needs: ["later"] });
  });
});
