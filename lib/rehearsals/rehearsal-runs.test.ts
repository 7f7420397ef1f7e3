import { describe, expect, it, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { createRun } from "@/lib/runs/create-run";
import { createChildRun } from "@/lib/runs/create-child-run";
import {
  importBuiltinTemplates,
  makeFlowRun,
  makePlainRun,
  makeUser,
  runItemAt,
  SEED_SECTIONS as S,
  SEED_SLUG,
} from "@/test/fixtures";
import { completeUpTo } from "@/test/flow-fixtures";
import { searchPromotions } from "@/lib/audit/search-promotions";
import { exportRunEvidence } from "@/lib/audit/export-run";
import { templateTrends } from "@/lib/audit/template-trends";

let operator: Actor;
let auditor: Actor;
const FIELDS = { promotionDate: "2026-12-01", changesetVersion: "6.1" };

beforeAll(async () => {
  operator = await makeUser("operator");
  auditor = await makeUser("auditor");
  await importBuiltinTemplates();
});

async function refused(input: Parameters<typeof createRun>[0]) {
  const before = await db().run.count();
  const err = await createRun(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  expect(await db().run.count()).toBe(before);
  return (err as ValidationError).toJSON().fieldErrors ?? {};
}

describe("starting a rehearsal", () => {
  it("marks the run, prefixes its title and records it in the run's first audit event", async () => {
    const run = await createRun({
      actor: operator,
      templateSlug: SEED_SLUG,
      fields: FIELDS,
      rehearsal: true,
    });
    expect(run.rehearsal).toBe(true);
    expect(run.title).toBe("Rehearsal: Promote Changeset v6.1 To Production");
    const created = await db().auditEvent.findFirstOrThrow({
      where: { runId: run.id, action: "run.created" },
    });
    expect(created.payload).toMatchObject({ rehearsal: true });
  });

  it("can try a chosen version of the template; a production run cannot choose one", async () => {
    const run = await createRun({
      actor: operator,
      templateSlug: SEED_SLUG,
      fields: FIELDS,
      rehearsal: true,
      templateVersion: 1,
    });
    const version = await db().templateVersion.findUniqueOrThrow({ where: { id: run.templateVersionId } });
    expect(version.version).toBe(1);
    expect(
      await refused({ actor: operator, templateSlug: SEED_SLUG, fields: FIELDS, templateVersion: 1 }),
    ).toHaveProperty("templateVersion");
  });

  it("refuses an unknown version and a child checklist by field, and creates nothing", async () => {
    expect(
      await refused({
        actor: operator,
        templateSlug: SEED_SLUG,
        fields: FIELDS,
        rehearsal: true,
        templateVersion: 999,
      }),
    ).toEqual({ templateVersion: ["No version 999"] });
    expect(
      await refused({
        actor: operator,
        templateSlug: "blue-side-tests-production",
        fields: {},
        rehearsal: true,
      }),
    ).toHaveProperty("rehearsal");
  });

  it("makes the child checklists of a rehearsal rehearsals too", async () => {
    const run = await makeFlowRun(
      operator,
      { stackIdForPrechangeBlueStack: "andromeda-blue-0412" },
      { rehearsal: true },
    );
    await completeUpTo(operator, run.id, S.phase4);
    const link = await runItemAt(run.id, S.phase4, "1");
    const child = await createChildRun({ actor: operator, runId: run.id, itemId: link.id });
    expect(child.rehearsal).toBe(true);
    expect(child.title).toMatch(/^Rehearsal: /);
  });
});

describe("a rehearsal in lists and evidence", () => {
  it("is left out of the promotions list unless asked for, and its exports say it is a rehearsal", async () => {
    const version = `7.${Math.floor(Math.random() * 1e6)}`;
    const rehearsal = await createRun({
      actor: operator,
      templateSlug: SEED_SLUG,
      fields: { ...FIELDS, changesetVersion: version },
      rehearsal: true,
    });
    const numbers = async (filter: Record<string, string>) =>
      (await searchPromotions({ actor: auditor, filter: { version, ...filter } })).rows.map((r) => r.number);
    expect(await numbers({})).toEqual([]);
    expect(await numbers({ rehearsals: "include" })).toEqual([rehearsal.number]);
    expect(await numbers({ rehearsals: "only" })).toEqual([rehearsal.number]);

    const evidence = await exportRunEvidence({ actor: auditor, number: rehearsal.number });
    expect(evidence.bundle).toMatchObject({ run: { rehearsal: true } });
    expect(evidence.bundle.rehearsal).toMatch(/^REHEARSAL/);
    expect(evidence.markdown).toMatch(/^# Rehearsal: .*\n\nRehearsal: REHEARSAL/);
    expect(evidence.csv.split(/\r?\n/)[1]).toMatch(/,yes$/);
  });

  it("is left out of a template's trends unless asked for", async () => {
    const plain = await makePlainRun(operator);
    const slug = (
      await db().templateVersion.findUniqueOrThrow({
        where: { id: plain.templateVersionId },
        select: { template: { select: { slug: true } } },
      })
    ).template.slug;
    const runs = async (includeRehearsals: boolean) =>
      (await templateTrends({ actor: auditor, slug, take: 100, includeRehearsals })).runs;
    const [without, withThem] = [await runs(false), await runs(true)];
    await createRun({ actor: operator, templateSlug: slug, fields: {}, rehearsal: true });
    expect(await runs(false)).toBe(without);
    expect(await runs(true)).toBe(withThem + 1);
  });
});
