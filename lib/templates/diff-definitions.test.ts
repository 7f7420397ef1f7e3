import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalLines } from "./canonical-lines";
import { diffDefinitions, type DefinitionDiff } from "./diff-definitions";
import { parseTemplate } from "./parse-template";

const seed = readFileSync(new URL("./builtin/promote-changeset-to-production.md", import.meta.url), "utf8");

function changes(diff: DefinitionDiff) {
  return diff.groups.flatMap((g) =>
    g.lines.filter((l) => l.change !== "same").map((l) => ({ group: g.title, ...l })),
  );
}

describe("canonicalLines", () => {
  it("renders one line per thing, items as Section › key [kind] text", () => {
    const lines = canonicalLines(parseTemplate(seed));
    expect(lines[0]).toBe("Title: Promote Changeset v{{changesetVersion}} To Production");
    expect(lines).toContain(
      "Field {{changesetVersion}} Changeset Version (version; asked at start, required; hint X.Y)",
    );
    expect(lines).toContain("Section Pre-Flight (5 Days Before) (at T-5d)");
    expect(lines).toContain(
      "Pre-Flight (5 Days Before) › 2 [record] Confirm Maintenance Window Schedule and Record here: " +
        "{{maintenanceWindowDateTime}} — records {{maintenanceWindowDateTime}}",
    );
    expect(lines).toContain(
      'Phase 6: Post Change Wrap Up › 1.1 [notify] Email List "Andromeda PreProduction Watch" — ' +
        'channel email "Andromeda PreProduction Watch"',
    );
  });
});

describe("diffDefinitions", () => {
  const before = parseTemplate(seed);

  it("finds nothing between a version and itself", () => {
    const diff = diffDefinitions(before, parseTemplate(seed));
    expect(diff.counts).toEqual({ changed: 0, added: 0, removed: 0 });
  });

  it("shows a changed item, an inserted one, and none of the items it renumbered", () => {
    const edited = seed
      .replace(
        "* [ ] Confirm Go Call\n",
        "* [ ] Confirm Go Call with the release manager\n* [ ] Book the war room\n",
      )
      .replace("2. * [ ] Make Go/No Go", "2. * [ ] Page the on-call DBA\n3. * [ ] Make Go/No Go");
    const diff = diffDefinitions(before, parseTemplate(edited));
    expect(changes(diff)).toEqual([
      {
        group: "Pre-Flight (5 Days Before)",
        change: "changed",
        before: "1 [task] Confirm Go Call",
        after: "1 [task] Confirm Go Call with the release manager",
      },
      { group: "Pre-Flight (5 Days Before)", change: "added", after: "2 [task] Book the war room" },
      {
        group: "Phase 4: Test Blue Stack and Make GO/NO GO Decision",
        change: "added",
        after: "2 [task] Page the on-call DBA",
      },
    ]);
    expect(diff.counts).toEqual({ changed: 1, added: 2, removed: 0 });
  });

  it("shows removed items and fields where they were, and changed field details", () => {
    const edited = seed
      .replace("Stack ID for prechange Green Stack: `_REPLACE_WITH_ STACKID`\n", "")
      .replace("Changeset Version: `_REPLACE_WITH_ X.Y`", "Changeset Version: `_REPLACE_WITH_ X.Y.Z`")
      .replace(/3\. \* \[ \] Run post cutover automated testing\.[^\n]*\n/, "");
    const found = changes(diffDefinitions(before, parseTemplate(edited)));
    expect(found).toContainEqual({
      group: "Fields",
      change: "changed",
      before: "{{changesetVersion}} Changeset Version (version; asked at start, required; hint X.Y)",
      after: "{{changesetVersion}} Changeset Version (version; asked at start, required; hint X.Y.Z)",
    });
    expect(found).toContainEqual({
      group: "Fields",
      change: "removed",
      before:
        "{{stackIdForPrechangeGreenStack}} Stack ID for prechange Green Stack (stack_id; asked at start; hint STACKID)",
    });
    const go = diffDefinitions(before, parseTemplate(edited)).groups.find(
      (g) => g.title === "Phase 5: GO Decision",
    );
    const keys = go?.lines.map((l) => `${l.change} ${(l.after ?? l.before)?.split(" ")[0]}`);
    // The removed item stands between the items that surrounded it.
    expect(keys?.slice(6, 10)).toEqual(["same 2.2", "removed 3", "same 3", "same 4"]);
  });

  it("lists a renamed section as changed and a new section's items as added", () => {
    const edited = seed
      .replace("### Phase 6: Closing Out This Issue", "### Phase 6: Closing Out This Checklist")
      .concat("\n### Phase 7: Retrospective\n* [ ] Hold the retrospective\n");
    const found = changes(diffDefinitions(before, parseTemplate(edited)));
    expect(found).toEqual([
      {
        group: "Phase 6: Closing Out This Checklist",
        change: "changed",
        before: "Phase 6: Closing Out This Issue",
        after: "Phase 6: Closing Out This Checklist",
      },
      { group: "Phase 7: Retrospective", change: "added", after: "Phase 7: Retrospective" },
      { group: "Phase 7: Retrospective", change: "added", after: "1 [task] Hold the retrospective" },
    ]);
  });
});
