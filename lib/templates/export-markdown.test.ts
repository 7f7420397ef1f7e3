import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { walkItems, type TemplateDefinition } from "./definition";
import { exportTemplateMarkdown } from "./export-markdown";
import { parseTemplate } from "./parse-template";

const builtin = (name: string) => readFileSync(new URL(`./builtin/${name}`, import.meta.url), "utf8");

/** Line numbers say where the source had something; they are all a re-export may change. */
function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "line")
        .map(([key, v]) => [key, withoutLines(v)]),
    );
  }
  return value;
}

function roundTrip(markdown: string): {
  before: TemplateDefinition;
  after: TemplateDefinition;
  exported: string;
} {
  const before = parseTemplate(markdown);
  const exported = exportTemplateMarkdown(before);
  return { before, after: parseTemplate(exported), exported };
}

const failoverRunbook = `# Database Failover: db-main

Name the new checklist: Fail over db-main on 2026-03-01

## Overview
Failover date: \`_REPLACE_WITH_ YYYY-MM-DD\`
Cluster: \`_REPLACE_WITH_ CLUSTER_NAME\`
On call: \`_REPLACE_WITH_ @Handle\`

## Prepare (T-30m)
- [ ] Announce the failover <!-- runsheet: kind=notify -->
  "Failover of \`_REPLACE_WITH_ CLUSTER_NAME\` starts in 30 minutes"
  - [ ] Slack channel "#db-ops"
  - [ ] Email list "DB Watchers"
- [ ] Snapshot the primary
  - [ ] Check replica lag
    - [ ] Record lag: _REPLICA_LAG_SECONDS_ <!-- runsheet: kind=record -->
    - [ ] If lag is over *30s*, stop and go forward to section "Roll back (T+15m)"

## Switch (T+0m)
- [ ] Promote the replica with \`pg_ctl promote\`
- [ ] Monitor for completion, check this after the promotion finishes
- [ ] Update DNS so db-main.internal points at the new primary

## Verify (T+15m)
- [ ] Run smoke tests against \`_REPLACE_WITH_ CLUSTER_NAME\`
- [ ] Note the replication_slot_name and the \\_wal\\_ position: _WAL_POSITION_

## Roll back (T+15m)
- [ ] Re-point DNS at the old primary
`;

const smallChecklist = `## Before
* [ ] Tell the team in Slack channel #general
* [ ] Check the 2 open \\<pull requests> & merge \\[the docs\\]

## After
* [ ] Close the ticket: #\`_REPLACE_WITH_ ISSUE_NUMBER\`
    * [ ] Link it from the changelog
`;

describe("exportTemplateMarkdown round trip", () => {
  it.each([
    "promote-changeset-to-production.md",
    "blue-side-tests-production.md",
    "changeset-failure-post-mortem.md",
  ])("re-imports the built-in %s to the same definition", (name) => {
    const { before, after } = roundTrip(builtin(name));
    expect(withoutLines(after)).toEqual(withoutLines(before));
  });

  it("re-imports a failover runbook: offsets, 3-deep nesting, a stopwatch and a notify", () => {
    const { before, after } = roundTrip(failoverRunbook);
    expect(before.ackGroups).toEqual([]);
    expect(before.sections.map((s) => s.offset?.minutes)).toEqual([-30, 0, 15, 15]);
    const kinds = [...walkItems(before)].map(({ item, depth }) => [item.kind, depth]);
    expect(kinds).toContainEqual(["stopwatch", 0]);
    expect(kinds).toContainEqual(["notify", 0]);
    expect(kinds).toContainEqual(["record", 2]);
    expect(withoutLines(after)).toEqual(withoutLines(before));
  });

  it("re-imports a small checklist with ## headings and no overview", () => {
    const { before, after, exported } = roundTrip(smallChecklist);
    expect(before.fields.map((f) => f.source)).toEqual(["item"]);
    expect(exported).not.toContain("Overview");
    expect(withoutLines(after)).toEqual(withoutLines(before));
  });

  it("keeps a title that came from a heading and holds a literal version", () => {
    const md =
      "# Upgrade 16.2 to 17\n\n### Overview Details\nVersion: `_REPLACE_WITH_ X.Y`\n\n### Steps\n- [ ] Upgrade\n";
    const { before, after } = roundTrip(md);
    expect(before.titlePattern).toBe("Upgrade 16.2 to 17");
    expect(withoutLines(after)).toEqual(withoutLines(before));
  });

  it("is stable: exporting a re-imported export gives the same Markdown", () => {
    for (const md of [builtin("promote-changeset-to-production.md"), failoverRunbook, smallChecklist]) {
      const { after, exported } = roundTrip(md);
      expect(exportTemplateMarkdown(after)).toBe(exported);
    }
  });
});

describe("exportTemplateMarkdown writes the seed's conventions", () => {
  const exported = exportTemplateMarkdown(parseTemplate(builtin("promote-changeset-to-production.md")));
  const lines = exported.split("\n");

  it("repeats the source's own title line and the overview placeholders", () => {
    expect(lines[0]).toBe(
      "Name The New Issue Like This (substitute changeset verson): Promote Changeset v4.3 To Production",
    );
    expect(lines).toContain("### Overview Details");
    expect(lines).toContain("Changeset Version: `_REPLACE_WITH_ X.Y`");
  });

  it("writes acknowledgement lists, /cc and notes", () => {
    expect(lines).toContain("### Notify and Subscribe");
    expect(lines).toContain("#### Auditors / Listeners");
    expect(lines).toContain("* [ ] `_REPLACE_WITH_@PersonalName1`");
    expect(lines).toContain("/cc `_REPLACE_WITH_ @ProductionChangesetGroup`");
    expect(lines).toContain(
      "> Note one of the below sections can be deleted when it is not the chosen course of action.",
    );
  });

  it("writes sections and nested items with their placeholders, messages and cues", () => {
    expect(lines).toContain("### Pre-Flight (5 Days Before)");
    expect(lines).toContain(
      "2. * [ ] Confirm Maintenance Window Schedule and Record here: _MAINTENANCE_WINDOW_DATE_TIME_ <!-- runsheet: kind=record -->",
    );
    expect(lines).toContain(
      "   1. * [ ] ContainerVersion: _NEW_CONTAINER_VERSION_ <!-- runsheet: kind=record -->",
    );
    expect(lines).toContain(
      '     "Changeset `_REPLACE_WITH_ X.Y` is commencing to the Production environment for the Andromeda system."',
    );
    expect(lines).toContain("        Post mortem issue: `_REPLACE_WITH_ #ISSUE_NUMBER`");
    expect(exported).toMatch(/Closes #_ISSUE_NUMBER_\n/);
    expect(exported).toContain('at the top of this checklist record "SUCCEEDED"');
    expect(exported).toContain('go forward to section "Phase 5: NO GO Decision / Backoff Failed Attempt"');
    expect(lines).toContain('      3. * [ ] Status at "status.andromeda.abccorp.com"');
  });

  it("escapes text that Markdown would otherwise read as syntax", () => {
    const runbook = exportTemplateMarkdown(parseTemplate(failoverRunbook));
    expect(runbook).toContain("replication_slot_name and the \\_wal\\_ position");
    const small = exportTemplateMarkdown(parseTemplate(smallChecklist));
    expect(small).toContain("open \\<pull requests> & merge \\[the docs\\]");
  });
});
