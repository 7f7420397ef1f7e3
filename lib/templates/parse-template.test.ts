import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  definitionSchema,
  walkItems,
  type ItemDef,
  type SectionDef,
  type TemplateDefinition,
} from "./definition";
import { TemplateImportError } from "./import-error";
import { parseOffset } from "./parse-offset";
import { parseTemplate } from "./parse-template";

const seedText = readFileSync(
  new URL("./builtin/promote-changeset-to-production.md", import.meta.url),
  "utf8",
);

function parseError(input: string | Uint8Array): TemplateImportError {
  try {
    parseTemplate(input);
  } catch (error) {
    if (error instanceof TemplateImportError) return error;
    throw error;
  }
  throw new Error("expected the template to be rejected");
}

function keysOf(section: SectionDef): string[] {
  return [...walkItems({ sections: [section] })].map(({ item }) => item.key);
}

function item(def: TemplateDefinition, sectionKey: string, itemKey: string): ItemDef {
  const section = def.sections.find((s) => s.key === sectionKey);
  const found = section && [...walkItems({ sections: [section] })].find(({ item: i }) => i.key === itemKey);
  if (!found) throw new Error(`no item ${sectionKey} ${itemKey}`);
  return found.item;
}

const EMAIL = { type: "email", target: "Andromeda PreProduction Watch" } as const;
const SLACK = { type: "slack", target: "Andromeda PreProduction Watch" } as const;
const STATUS = { type: "statuspage", target: "status.andromeda.abccorp.com" } as const;

describe("parseTemplate on the built-in seed", () => {
  const def = parseTemplate(seedText);

  it("produces a valid definition, from text or bytes alike", () => {
    expect(definitionSchema.parse(def)).toEqual(def);
    expect(parseTemplate(new TextEncoder().encode(seedText))).toEqual(def);
  });

  it("turns the example title into a pattern", () => {
    expect(def.titlePattern).toBe("Promote Changeset v{{changesetVersion}} To Production");
  });

  it("reads overview and item fields with their types", () => {
    const summary = def.fields.map((f) => [f.key, f.type, f.source, f.required, f.hint]);
    expect(summary).toEqual([
      ["promotionDate", "date", "overview", true, "YYYY-MM-DD"],
      ["checklistCompleters", "handles", "overview", false, "@MentionHandle(s)"],
      ["changesetVersion", "version", "overview", true, "X.Y"],
      ["stackIdForPrechangeBlueStack", "stack_id", "overview", false, "STACKID"],
      ["stackIdForPrechangeGreenStack", "stack_id", "overview", false, "STACKID"],
      ["changesetDeploymentAttemptResult", "result", "overview", false, "NO GO or SUCCEEDED or FAILED"],
      ["maintenanceWindowDateTime", "datetime", "item", false, "MAINTENANCE_WINDOW_DATE_TIME"],
      ["newContainerVersion", "text", "item", false, "NEW_CONTAINER_VERSION"],
      ["blueSideTestsIssue", "issue_ref", "item", false, "ISSUE_NUMBER"],
      ["goNoGoDecision", "decision", "item", false, "GO or NO_GO"],
      ["postMortemIssue", "issue_ref", "item", false, "#ISSUE_NUMBER"],
    ]);
    const options = Object.fromEntries(def.fields.filter((f) => f.options).map((f) => [f.key, f.options]));
    expect(options).toEqual({
      changesetDeploymentAttemptResult: ["NO GO", "SUCCEEDED", "FAILED"],
      goNoGoDecision: ["GO", "NO GO"],
    });
    expect(def.fields.find((f) => f.key === "changesetVersion")?.line).toBe(8);
  });

  it("separates acknowledgement lists from the work", () => {
    expect(def.ackGroups.map((g) => [g.name, g.entries.length])).toEqual([
      ["Auditors / Listeners", 2],
      ["Changeset Team Acknowledgements", 3],
    ]);
    const [auditors] = def.ackGroups;
    expect(auditors?.prompt).toBe(
      "Please check off your name to acknowledge you know of this issue and have subscribed to it:",
    );
    expect(auditors?.entries).toEqual([
      { placeholder: "@PersonalName1", line: 18 },
      { placeholder: "@PersonalName2", line: 19 },
    ]);
  });

  it("reads cc handles and notes", () => {
    expect(def.cc).toEqual(["@ProductionChangesetGroup"]);
    expect(def.notes).toEqual([
      "Note one of the below sections can be deleted when it is not the chosen course of action.",
    ]);
  });

  it("finds the nine sections with offsets and branches", () => {
    expect(def.sections.map((s) => [s.key, s.offset?.minutes ?? null, s.branch])).toEqual([
      ["pre-flight", -7200, null],
      ["phase-1-change-preparation", -240, null],
      ["phase-2-prechange-commencement-notice", -1, null],
      ["phase-3-begin-rolling-container-updates", -1, null],
      ["phase-4-test-blue-stack-and-make-go-no-go-decision", null, null],
      ["phase-5-go-decision", null, "go"],
      ["phase-5-no-go-decision-backoff-failed-attempt", null, "no_go"],
      ["phase-6-post-change-wrap-up", null, null],
      ["phase-6-closing-out-this-issue", null, null],
    ]);
    expect(def.sections[0]?.offset).toEqual({ minutes: -7200, label: "5 Days Before" });
    expect(def.sections[1]?.offset).toEqual({ minutes: -240, label: "T-4hrs before change" });
    expect(def.sections[0]?.title).toBe("Pre-Flight (5 Days Before)");
    expect(def.sections[0]?.line).toBe(30);
  });

  it("keeps the nesting of all 44 items", () => {
    expect([...walkItems(def)]).toHaveLength(44);
    expect(def.sections.map(keysOf)).toEqual([
      ["1", "2"],
      ["1", "1.1", "1.2"],
      ["1", "1.1", "1.2", "1.3"],
      ["1", "2", "2.1", "3", "4"],
      ["1", "2", "2.1", "2.2", "2.3"],
      ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "4", "5"],
      ["1", "2", "3"],
      ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.2"],
      ["1", "2"],
    ]);
    expect(item(def, "phase-1-change-preparation", "1.2")).toMatchObject({
      text: 'Name it "Production Pre-changeset {{changesetVersion}} Backup"',
      line: 37,
    });
  });

  it("marks stopwatch items", () => {
    const stopwatches = [...walkItems(def)].filter(({ item: i }) => i.kind === "stopwatch");
    expect(stopwatches.map(({ section, item: i }) => [section.key, i.key])).toEqual([
      ["phase-3-begin-rolling-container-updates", "4"],
      ["phase-5-go-decision", "1.3"],
    ]);
    for (const { item: i } of stopwatches) expect(i.text).toMatch(/^Monitor for completion/);
  });

  it("marks announcements with their channels and messages", () => {
    const parents = [...walkItems(def)].filter(({ item: i }) => i.channels);
    expect(parents.map(({ section, item: i }) => [section.key, i.key, i.kind])).toEqual([
      ["phase-2-prechange-commencement-notice", "1", "notify"],
      ["phase-4-test-blue-stack-and-make-go-no-go-decision", "2", "decision"],
      ["phase-6-post-change-wrap-up", "1", "notify"],
      ["phase-6-post-change-wrap-up", "2.1", "notify"],
    ]);
    for (const { item: i } of parents) {
      expect(i.channels).toEqual([EMAIL, SLACK, STATUS]);
      expect(i.children.map((c) => [c.kind, c.channel])).toEqual([
        ["notify", EMAIL],
        ["notify", SLACK],
        ["notify", STATUS],
      ]);
    }

    expect(item(def, "phase-2-prechange-commencement-notice", "1")).toMatchObject({
      text: "Post changeset commencement announcement",
      message:
        "Changeset {{changesetVersion}} is commencing to the Production environment for the Andromeda system.",
    });
    expect(item(def, "phase-4-test-blue-stack-and-make-go-no-go-decision", "2")).toMatchObject({
      text: "Make Go/No Go Decision and send notification on decision.",
      message: "We are a {{goNoGoDecision}} on updating the Production stack",
    });
    expect(item(def, "phase-6-post-change-wrap-up", "1")).toMatchObject({
      text: "If Changeset promotion was successful, post:",
      message:
        "Changeset {{changesetVersion}} was successfully deployed to the Production environment for the Andromeda system.",
    });
    const failed = item(def, "phase-6-post-change-wrap-up", "2.1");
    expect(failed.message).toBe(
      "Changeset {{changesetVersion}} failed_or_was a no-go to deploy to the Production environment for the Andromeda system.",
    );
    expect(def.fields.some((f) => /fail/i.test(f.key))).toBe(false);
    expect(item(def, "phase-6-post-change-wrap-up", "2").kind).toBe("task");
  });

  it("marks link items with the template they start", () => {
    const links = [...walkItems(def)].filter(({ item: i }) => i.kind === "link");
    expect(links.map(({ item: i }) => [i.line, i.linkTemplate, i.recordField])).toEqual([
      [54, "Blue-side-tests-production", "blueSideTestsIssue"],
      [92, "Changeset Failure Post Mortem Report for Changeset {{changesetVersion}}", "postMortemIssue"],
    ]);
    expect(links[0]?.item.text).toMatch(/Closes #\{\{blueSideTestsIssue\}\}$/);
    expect(links[1]?.item.text).toMatch(/Post mortem issue: \{\{postMortemIssue\}\}$/);
  });

  it("marks record items with their field and value", () => {
    const records = [...walkItems(def)].filter(({ item: i }) => i.kind === "record");
    expect(records.map(({ item: i }) => [i.line, i.recordField, i.recordValue])).toEqual([
      [32, "maintenanceWindowDateTime", undefined],
      [49, "newContainerVersion", undefined],
      [74, "changesetDeploymentAttemptResult", "SUCCEEDED"],
      [77, "changesetDeploymentAttemptResult", "NO GO"],
      [78, "changesetDeploymentAttemptResult", "FAILED"],
    ]);
    expect(item(def, "pre-flight", "2").text).toBe(
      "Confirm Maintenance Window Schedule and Record here: {{maintenanceWindowDateTime}}",
    );
  });

  it("marks automation items", () => {
    const automations = [...walkItems(def)].filter(({ item: i }) => i.kind === "automation");
    expect(automations.map(({ item: i }) => [i.line, i.automation])).toEqual([
      [35, "backup"],
      [50, "cloudformation_update"],
      [65, "asg_prescale"],
      [69, "route53_switch"],
      [72, "post_cutover_tests"],
      [79, "backoff"],
    ]);
    expect(item(def, "phase-1-change-preparation", "1.1").kind).toBe("task");
    expect(item(def, "phase-3-begin-rolling-container-updates", "2").kind).toBe("task");
  });

  it("leaves everything else a plain task", () => {
    const kinds: Record<string, number> = {};
    for (const { item: i } of walkItems(def)) kinds[i.kind] = (kinds[i.kind] ?? 0) + 1;
    expect(kinds).toEqual({
      task: 13,
      stopwatch: 2,
      notify: 15,
      decision: 1,
      link: 2,
      record: 5,
      automation: 6,
    });
  });
});

describe("parseTemplate on a template of another shape", () => {
  const failover = [
    "# Database Failover",
    "",
    "## Overview",
    "Cluster: `_REPLACE_WITH_ CLUSTER_NAME`",
    "Window start: `_REPLACE_WITH_ YYYY-MM-DD hh:mm`",
    "Operator: `_REPLACE_WITH_ @Handle`",
    "",
    "## Prepare (T-30m)",
    "- [ ] Announce the failover <!-- runsheet: kind=notify -->",
    '  "Failover of `_REPLACE_WITH_ CLUSTER_NAME` starts in 30 minutes"',
    '  - [ ] Slack channel "#db-ops"',
    "- [x] Snapshot the primary",
    "  - [ ] Check replica lag",
    "    - [ ] Record lag: _REPLICA_LAG_SECONDS_ <!-- runsheet: kind=record -->",
    "",
    "## T+0 Promote replica",
    "- [ ] Promote the replica",
    "- [ ] Monitor for completion, check this after the promotion finishes",
    "",
    "## Verify (T+10m)",
    "- [ ] Run smoke tests against `_REPLACE_WITH_ CLUSTER_NAME`",
    "",
  ].join("\n");

  it("parses sections, offsets and fields", () => {
    const def = parseTemplate(failover);
    expect(def.titlePattern).toBe("Database Failover");
    expect(def.ackGroups).toEqual([]);
    expect(def.cc).toEqual([]);
    expect(def.fields.map((f) => [f.key, f.type, f.source, f.required])).toEqual([
      ["cluster", "text", "overview", false],
      ["windowStart", "datetime", "overview", true],
      ["operator", "handles", "overview", false],
      ["replicaLagSeconds", "text", "item", false],
    ]);
    expect(def.sections.map((s) => [s.key, s.offset, s.branch])).toEqual([
      ["prepare", { minutes: -30, label: "T-30m" }, null],
      ["t-0-promote-replica", { minutes: 0, label: "T+0" }, null],
      ["verify", { minutes: 10, label: "T+10m" }, null],
    ]);
    expect(def.sections.map(keysOf)).toEqual([["1", "1.1", "2", "2.1", "2.1.1"], ["1", "2"], ["1"]]);

    const announce = item(def, "prepare", "1");
    expect(announce).toMatchObject({
      kind: "notify",
      text: "Announce the failover",
      message: "Failover of {{cluster}} starts in 30 minutes",
      channels: [{ type: "slack", target: "#db-ops" }],
    });
    expect(item(def, "prepare", "2.1.1")).toMatchObject({ kind: "record", recordField: "replicaLagSeconds" });
    expect(item(def, "t-0-promote-replica", "2").kind).toBe("stopwatch");
    expect(item(def, "verify", "1").text).toBe("Run smoke tests against {{cluster}}");
  });

  it("falls back to an untitled pattern and a preamble section", () => {
    const def = parseTemplate("- [ ] Only step\n");
    expect(def.titlePattern).toBe("Untitled checklist");
    expect(def.sections).toHaveLength(1);
    expect(def.sections[0]?.items.map((i) => i.text)).toEqual(["Only step"]);
  });
});

describe("parseTemplate rejects bad input", () => {
  it("names the line of invalid UTF-8", () => {
    const enc = new TextEncoder();
    const bytes = new Uint8Array([
      ...enc.encode("## Steps\n- [ ] one\n- [ ] t"),
      0xc3,
      0x28,
      ...enc.encode("o\n- [ ] three\n"),
    ]);
    const error = parseError(bytes);
    expect(error.issues).toEqual([{ line: 3, message: expect.stringMatching(/UTF-8/) }]);
    expect(error.message).toMatch(/^line 3: /);
  });

  it("needs at least one task item", () => {
    const error = parseError("# Notes\n\nJust prose, no checklist.\n\n- a plain bullet\n");
    expect(error.message).toMatch(/no task items/);
    expect(error.issues[0]?.line).toBeNull();
  });

  it("does not count acknowledgement lists as task items", () => {
    expect(parseError("### Approvers\n* [ ] `_REPLACE_WITH_ @Lead`\n").message).toMatch(/no task items/);
  });

  it("names the first item nested too deep", () => {
    const lines = ["## Deep", ""];
    for (let depth = 0; depth < 12; depth++) lines.push(`${"  ".repeat(depth)}- [ ] level ${depth + 1}`);
    const error = parseError(lines.join("\n"));
    // Level 9 is the first one over the limit of 8; it sits on line 2 + 9.
    expect(error.issues).toEqual([{ line: 11, message: expect.stringMatching(/nested more than 8/) }]);
    expect(error.message).toMatch(/^line 11: /);
  });

  it("accepts eight levels", () => {
    const lines = ["## Deep"];
    for (let depth = 0; depth < 8; depth++) lines.push(`${"  ".repeat(depth)}- [ ] level ${depth + 1}`);
    expect([...walkItems(parseTemplate(lines.join("\n")))]).toHaveLength(8);
  });

  it("refuses input over 512 KiB", () => {
    const big = `## Big\n- [ ] ${"x".repeat(600 * 1024)}\n`;
    for (const input of [big, new TextEncoder().encode(big)]) {
      const error = parseError(input);
      expect(error.issues).toEqual([{ line: null, message: expect.stringMatching(/512 KiB/) }]);
    }
  });

  it("refuses more than 5000 items", () => {
    const error = parseError(`## Many\n${"- [ ] step\n".repeat(5001)}`);
    expect(error.message).toMatch(/5001 items; the limit is 5000/);
  });

  it("rejects an empty hint inside an item", () => {
    const error = parseError("## Steps\n- [ ] one\n- [ ] Set `_REPLACE_WITH_` now\n");
    expect(error.issues).toEqual([{ line: 3, message: expect.stringMatching(/empty hint/) }]);
  });

  it("stops before parsing pathological nesting, emphasis or brackets", () => {
    expect(parseError(`## A\n${"- ".repeat(50_000)}[ ] x\n`).message).toMatch(
      /^line 2: .*nested more than 100/,
    );
    const emphasis = `## A\n- [ ] ${"_*".repeat(20_000)}x${"*_".repeat(20_000)}\n`;
    expect(parseError(emphasis).message).toMatch(/^line 2: .*emphasis markers/);
    const images = `## A\n- [ ] ok\n- [ ] ${"![".repeat(5_000)}x${"](u)".repeat(5_000)}\n`;
    expect(parseError(images).message).toMatch(/^line 3: brackets are nested more than 32/);
  });

  it("reports every problem it finds", () => {
    const error = parseError(
      "### Overview Details\nDate: `_REPLACE_WITH_ YYYY-MM-DD`\nOwner: `_REPLACE_WITH_`\n\nA NUL \u0000 here\n",
    );
    expect(error.issues).toEqual([
      { line: 5, message: expect.stringMatching(/NUL/) },
      { line: 3, message: expect.stringMatching(/"Owner" has an empty _REPLACE_WITH_ hint/) },
      { line: null, message: expect.stringMatching(/no task items/) },
    ]);
    expect(error.message).toMatch(/^line 5: /);
    expect(error).toBeInstanceOf(Error);
  });
});

describe("parseOffset", () => {
  it.each([
    ["Pre-Flight (5 Days Before)", -7200, "5 Days Before"],
    ["Phase 1 (T-4hrs before change)", -240, "T-4hrs before change"],
    ["Phase 2 (1 minute before change)", -1, "1 minute before change"],
    ["Announce T-30m", -30, "T-30m"],
    ["Scale up (T-2h)", -120, "T-2h"],
    ["Freeze (T-1d)", -1440, "T-1d"],
    ["Backup 2 hours before", -120, "2 hours before"],
    ["Verify (10 minutes after)", 10, "10 minutes after"],
    ["Smoke test T+15m", 15, "T+15m"],
  ])("%s", (heading, minutes, label) => {
    expect(parseOffset(heading)).toEqual({ minutes, label });
  });

  it("returns null without an offset", () => {
    expect(parseOffset("Phase 4: Test Blue Stack and Make GO/NO GO Decision")).toBeNull();
    expect(parseOffset("Phase 6: Post Change Wrap Up")).toBeNull();
  });
});
