import { describe, expect, it } from "vitest";
import { applyChoices } from "./apply-choices";
import { exportTemplateMarkdown } from "./export-markdown";
import { TemplateImportError } from "./import-error";
import { analyseTemplate, parseTemplate } from "./parse-template";
import { previewTemplate } from "./preview-template";

const unseen = `# Cluster backup

Name the new checklist: Back up {{cluster}} on <%= backup_date %>

## Steps
- [ ] Kick off the backup with velero
  \`\`\`
  velero backup create {{cluster}}-pre --include-namespaces '*'
  \`\`\`
- [ ] Update DNS to the standby: <STANDBY_LB_ID>
- [ ] Post the announcement
  - [ ] Slack channel "#ops"
- [ ] Share the dashboard: _REPLACE_WITH_ DASHBOARD_URL

<div>raw html</div>

/cc @ops
/confidential
`;

const failIssues = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateImportError) return err.issues;
    throw err;
  }
  throw new Error("expected the import to be refused");
};

describe("an unannotated, unseen template", () => {
  it("never yields an automation, notify, decision or record step; the words only suggest", () => {
    const { definition, suggestions } = analyseTemplate(unseen);
    const kinds = definition.sections.flatMap((s) => s.items.map((i) => i.kind));
    expect(kinds).toEqual(["task", "task", "task", "task"]);
    expect(suggestions.map((s) => [s.itemKey, s.kind, s.automation])).toEqual([
      ["1", "automation", "backup"],
      // Words about a value to fill in suggest recording it.
      ["2", "record", undefined],
      ["3", "notify", undefined],
      ["4", "record", undefined],
    ]);
  });

  it("makes typed fields of all four placeholder syntaxes", () => {
    const fields = Object.fromEntries(parseTemplate(unseen).fields.map((f) => [f.hint, [f.label, f.type]]));
    expect(fields).toMatchObject({
      cluster: ["Cluster", "text"],
      backup_date: ["Backup date", "date"],
      STANDBY_LB_ID: ["Standby lb id", "stack_id"],
      DASHBOARD_URL: ["Share the dashboard", "url"],
    });
  });
});

describe("placeholders outside items", () => {
  it("become fields in headings, section intros and tables too", () => {
    const md = [
      "## Deploy `_REPLACE_WITH_ X.Y` to {{region}}",
      "",
      "Owner: <OWNER_HANDLE>",
      "",
      "| Host | Port |",
      "| --- | --- |",
      "| _REPLACE_WITH_ HOSTNAME | <%= port %> |",
      "",
      "- [ ] Go",
      "",
    ].join("\n");
    const fields = parseTemplate(md).fields.map((f) => [f.hint, f.type]);
    expect(fields).toEqual([
      ["X.Y", "version"],
      ["region", "text"],
      ["OWNER_HANDLE", "handles"],
      ["HOSTNAME", "text"],
      ["port", "text"],
    ]);
  });
});

describe("previewTemplate", () => {
  it("shows what would be created, with warnings for what is kept but not shown as written", () => {
    const p = previewTemplate({ actor: "system", markdown: unseen });
    expect(p.titlePattern).toBe("Back up {{cluster}} on {{backupDate}}");
    expect(p.items.map((i) => [i.key, i.kind, i.suggestion?.kind ?? null])).toEqual([
      ["1", "task", "automation"],
      ["2", "task", "record"],
      ["3", "task", "notify"],
      ["3.1", "task", null],
      ["4", "task", "record"],
    ]);
    expect(p.quickActions.map((a) => a.command)).toEqual(["cc", "confidential"]);
    expect(p.warnings.map((w) => [w.line, w.message])).toEqual([
      [15, expect.stringMatching(/HTML block/)],
      [18, expect.stringMatching(/\/confidential is kept as written but does nothing/)],
    ]);
  });

  it("writes the author's kinds and types back as annotations that survive a round trip", () => {
    const choices = {
      items: [
        { line: 6, kind: "automation" as const, automation: "backup" as const },
        { line: 11, kind: "notify" as const },
      ],
      fields: [{ key: "cluster", type: "stack_id" as const }],
    };
    const markdown = applyChoices(unseen, choices);
    expect(markdown).toContain(
      "- [ ] Kick off the backup with velero <!-- runsheet: kind=automation automation=backup -->",
    );
    expect(markdown.trimEnd().split("\n").pop()).toBe("<!-- runsheet: types=cluster:stack_id -->");
    const def = parseTemplate(markdown);
    expect(def.sections[0]?.items.map((i) => [i.kind, i.automation ?? null])).toEqual([
      ["automation", "backup"],
      ["task", null],
      ["notify", null],
      ["task", null],
    ]);
    expect(def.sections[0]?.items[2]?.children[0]?.channel).toEqual({ type: "slack", target: "#ops" });
    expect(def.fields.find((f) => f.key === "cluster")?.type).toBe("stack_id");
    const again = parseTemplate(exportTemplateMarkdown(def));
    expect(again.sections[0]?.items.map((i) => i.kind)).toEqual(["automation", "task", "notify", "task"]);
    expect(again.fields.find((f) => f.key === "cluster")?.type).toBe("stack_id");
  });

  it("refuses a choice for a line without a task item", () => {
    expect(
      failIssues(() => applyChoices(unseen, { items: [{ line: 1, kind: "task" }], fields: [] })),
    ).toEqual([{ line: 1, message: "no task item starts on this line" }]);
  });
});

describe("bad input is refused with the line, and nothing is read", () => {
  it("refuses Markdown without task items, whatever heading it has", () => {
    expect(failIssues(() => parseTemplate("# Phase 1\n\nSome notes.\n"))[0]?.message).toMatch(
      /no task items/,
    );
  });

  it("refuses an unknown annotation with its line", () => {
    expect(failIssues(() => parseTemplate("## S\n- [ ] a\n- [ ] b <!-- runsheet: colour=red -->\n"))).toEqual(
      [{ line: 3, message: expect.stringMatching(/unknown annotation "colour"/) }],
    );
  });

  it("refuses a kind annotation on a line that is not a task item", () => {
    expect(failIssues(() => parseTemplate("## S <!-- runsheet: kind=notify -->\n- [ ] a\n"))).toEqual([
      { line: 1, message: expect.stringMatching(/belongs on a task item's line, not on a heading/) },
    ]);
    expect(
      failIssues(() => parseTemplate("## S\n- [ ] a\n\n  Body <!-- runsheet: kind=notify -->\n")),
    ).toEqual([{ line: 4, message: expect.stringMatching(/belongs on a task item's line/) }]);
  });

  it("refuses an automation kind without its step, and a value outside the list", () => {
    expect(
      failIssues(() => parseTemplate("## S\n- [ ] a <!-- runsheet: kind=automation -->\n"))[0]?.line,
    ).toBe(2);
    expect(
      failIssues(() => parseTemplate("## S\n- [ ] a <!-- runsheet: kind=magic -->\n"))[0]?.message,
    ).toMatch(/kind=magic: must be one of/);
  });

  it("refuses binary input with the line", () => {
    const bytes = new Uint8Array([0x23, 0x20, 0x41, 0x0a, 0xff, 0xfe, 0x00, 0x0a]);
    expect(failIssues(() => parseTemplate(bytes))[0]?.line).toBe(2);
  });
});
