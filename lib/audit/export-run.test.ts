import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import { exportRunEvidence } from "@/lib/audit/export-run";
import { parseTemplate } from "@/lib/templates/parse-template";
import { walkItems } from "@/lib/templates/definition";
import { setItemNote } from "@/lib/runs/set-item-note";
import { skipItem } from "@/lib/runs/skip-item";
import { tickItem } from "@/lib/runs/tick-item";
import { makePlainRun, makeUser } from "@/test/fixtures";

const VERIFY = path.join(process.cwd(), "scripts", "verify-evidence.mjs");

function checkedCount(markdown: string): { checked: number; unchecked: number } {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  let checked = 0;
  let unchecked = 0;
  visit(tree, "listItem", (node) => {
    if (node.checked === true) checked++;
    if (node.checked === false) unchecked++;
  });
  return { checked, unchecked };
}

function verifyBundle(bundle: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), "evidence-"));
  const file = path.join(dir, "bundle.json");
  writeFileSync(file, JSON.stringify(bundle, null, 2));
  return spawnSync(process.execPath, [VERIFY, file], { encoding: "utf8" });
}

let operator: Actor;
let auditor: Actor;
let number: number;
let doneTexts: string[];

beforeAll(async () => {
  [operator, auditor] = await Promise.all([makeUser("operator"), makeUser("auditor")]);
  const run = await makePlainRun(operator);
  number = run.number;
  const tasks = await db().runItem.findMany({
    where: { runId: run.id, kind: "task" },
    orderBy: { position: "asc" },
  });
  const [a, b, c, d] = [tasks[0]!, tasks[1]!, tasks[2]!, tasks[3]!];
  await setItemNote({
    actor: operator,
    runId: run.id,
    itemId: a.id,
    version: 0,
    note: 'quotes " and *stars*',
  });
  await tickItem({ actor: operator, runId: run.id, itemId: a.id, version: 1, done: true });
  await tickItem({ actor: operator, runId: run.id, itemId: b.id, version: 0, done: true });
  await tickItem({ actor: operator, runId: run.id, itemId: d.id, version: 0, done: true });
  await skipItem({ actor: operator, runId: run.id, itemId: c.id, version: 0, reason: "not needed" });
  doneTexts = [a.text, b.text, d.text];
});

describe("exportRunEvidence", () => {
  it("is refused to a subscriber", async () => {
    const subscriber = await makeUser("subscriber");
    await expect(exportRunEvidence({ actor: subscriber, number })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("writes Markdown that imports back as the same checklist, ticked items checked", async () => {
    const { markdown, bundle } = await exportRunEvidence({ actor: auditor, number });
    const done = bundle.items.filter((i) => i.state === "done");
    expect(done).toHaveLength(3);
    expect(checkedCount(markdown)).toEqual({ checked: 3, unchecked: bundle.items.length - 3 });
    for (const text of doneTexts) expect(markdown).toContain(`* [x] ${text.split("\n")[0]}`);
    expect(markdown).toMatch(/— @operator-[0-9a-f]{8}, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+s\)/);
    expect(markdown).toContain("— skipped by @");

    const parsed = parseTemplate(markdown);
    expect(parsed.sections.map((s) => s.title)).toEqual(bundle.sections.map((s) => s.title));
    const items = [...walkItems(parsed)];
    expect(items).toHaveLength(bundle.items.length);
    items.forEach(({ item, depth }, n) => {
      const original = bundle.items[n]!;
      expect(depth).toBe(original.depth);
      expect(item.text.startsWith(original.text.split("\n")[0]!.trim())).toBe(true);
    });
  });

  it("writes a JSON bundle that verify-evidence.mjs accepts, and names an altered event", async () => {
    const { bundle } = await exportRunEvidence({ actor: auditor, number });
    expect(bundle.events.length).toBeGreaterThan(4);
    expect(bundle.events[0]).toMatchObject({ seq: 1, prevHash: null, action: "run.created" });
    const intact = verifyBundle(bundle);
    expect(intact.stderr).toBe("");
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/chain intact/);

    const forged = structuredClone(bundle);
    const victim = forged.events[3]!;
    victim.payload = { ...(victim.payload as object), forged: true };
    const broken = verifyBundle(forged);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`first bad event id ${victim.id}, seq ${victim.seq}:`);
  });

  it("writes the items as CSV, one row each", async () => {
    const { csv, bundle } = await exportRunEvidence({ actor: auditor, number });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "section,path,kind,text,state,done_by,done_at,started_at,elapsed_ms,elapsed,assignee,note,flags,rehearsal",
    );
    expect(lines.filter((l) => /,done,/.test(l))).toHaveLength(3);
    expect(csv).toContain('"quotes "" and *stars*"');
    expect(lines.length).toBeGreaterThanOrEqual(bundle.items.length + 1);
  });
});
