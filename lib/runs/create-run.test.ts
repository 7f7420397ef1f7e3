import { beforeAll, describe, expect, it } from "vitest";
import { expectRejection } from "@/test/assertions";
import { db } from "@/lib/db";
import { createRun } from "@/lib/runs/create-run";
import { importTemplate } from "@/lib/templates/import-template";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { importSeedTemplate, makeSeedRun, makeUser, SEED_SLUG } from "@/test/fixtures";

const SECTION_KEYS = [
  "pre-flight",
  "phase-1-change-preparation",
  "phase-2-prechange-commencement-notice",
  "phase-3-begin-rolling-container-updates",
  "phase-4-test-blue-stack-and-make-go-no-go-decision",
  "phase-5-go-decision",
  "phase-5-no-go-decision-backoff-failed-attempt",
  "phase-6-post-change-wrap-up",
  "phase-6-closing-out-this-issue",
];

/** Item paths per section, in snapshot order (depth first). */
const ITEM_PATHS: Record<string, string[]> = {
  "pre-flight": ["1", "2"],
  "phase-1-change-preparation": ["1", "1.1", "1.2"],
  "phase-2-prechange-commencement-notice": ["1", "1.1", "1.2", "1.3"],
  "phase-3-begin-rolling-container-updates": ["1", "2", "2.1", "3", "4"],
  "phase-4-test-blue-stack-and-make-go-no-go-decision": ["1", "2", "2.1", "2.2", "2.3"],
  "phase-5-go-decision": ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "4", "5"],
  "phase-5-no-go-decision-backoff-failed-attempt": ["1", "2", "3"],
  "phase-6-post-change-wrap-up": ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.2"],
  "phase-6-closing-out-this-issue": ["1", "2"],
};

function counts() {
  return Promise.all([
    db().run.count(),
    db().runItem.count(),
    db().runSection.count(),
    db().auditEvent.count({ where: { action: "run.created" } }),
  ]);
}

let operator: Actor;

beforeAll(async () => {
  operator = await makeUser("operator");
  await importSeedTemplate();
});

describe("createRun from the seed template", () => {
  it("snapshots 9 sections and 44 items with parents, depths and paths", async () => {
    const run = await makeSeedRun(operator);
    const sections = await db().runSection.findMany({
      where: { runId: run.id },
      orderBy: { position: "asc" },
    });
    const items = await db().runItem.findMany({ where: { runId: run.id }, orderBy: { position: "asc" } });

    expect(sections.map((s) => s.key)).toEqual(SECTION_KEYS);
    expect(sections.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sections[0]).toMatchObject({
      title: "Pre-Flight (5 Days Before)",
      offsetMinutes: -7200,
      offsetLabel: "5 Days Before",
      branch: null,
    });
    expect(sections[1]).toMatchObject({ offsetMinutes: -240, offsetLabel: "T-4hrs before change" });
    expect(sections.map((s) => s.branch)).toEqual([null, null, null, null, null, "go", "no_go", null, null]);

    expect(items).toHaveLength(44);
    expect(items.map((i) => i.position)).toEqual(Array.from({ length: 44 }, (_, n) => n));
    const sectionKey = new Map(sections.map((s) => [s.id, s.key]));
    const bySection: Record<string, string[]> = {};
    for (const i of items) (bySection[sectionKey.get(i.sectionId)!] ??= []).push(i.path);
    expect(bySection).toEqual(ITEM_PATHS);

    const byId = new Map(items.map((i) => [i.id, i]));
    for (const i of items) {
      const segments = i.path.split(".");
      expect(i.depth, i.path).toBe(segments.length - 1);
      expect(i.state).toBe("open");
      expect(i.version).toBe(0);
      if (i.depth === 0) {
        expect(i.parentId, i.path).toBeNull();
        continue;
      }
      const parent = byId.get(i.parentId!);
      expect(parent, i.path).toBeDefined();
      expect(parent!.sectionId).toBe(i.sectionId);
      expect(parent!.path).toBe(segments.slice(0, -1).join("."));
      expect(parent!.depth).toBe(i.depth - 1);
      expect(parent!.position).toBeLessThan(i.position);
    }
  });

  it("fills {{changesetVersion}} in the title, item text and notify messages, and keeps item-time tokens", async () => {
    const run = await makeSeedRun(operator, { changesetVersion: "4.3" });
    expect(run.title).toBe("Promote Changeset v4.3 To Production");
    expect(run.fields).toEqual({ promotionDate: "2026-12-01", changesetVersion: "4.3" });

    const items = await db().runItem.findMany({
      where: { runId: run.id },
      include: { section: true },
      orderBy: { position: "asc" },
    });
    const find = (sectionKey: string, path: string) => {
      const item = items.find((i) => i.section.key === sectionKey && i.path === path);
      if (!item) throw new Error(`no item ${sectionKey} ${path}`);
      return item;
    };

    expect(find("phase-1-change-preparation", "1.2").text).toBe(
      'Name it "Production Pre-changeset 4.3 Backup"',
    );
    const announce = find("phase-2-prechange-commencement-notice", "1");
    expect(announce.kind).toBe("notify");
    expect((announce.spec as { message?: string }).message).toBe(
      "Changeset 4.3 is commencing to the Production environment for the Andromeda system.",
    );
    expect((find("phase-6-post-change-wrap-up", "1").spec as { message?: string }).message).toBe(
      "Changeset 4.3 was successfully deployed to the Production environment for the Andromeda system.",
    );
    for (const i of items) {
      const message = (i.spec as { message?: string }).message ?? "";
      expect(`${i.text} ${message}`, `${i.section.key} ${i.path}`).not.toContain("{{changesetVersion}}");
    }
    // Values recorded while the run is worked are not known yet; their tokens stay.
    expect(find("pre-flight", "2").text).toBe(
      "Confirm Maintenance Window Schedule and Record here: {{maintenanceWindowDateTime}}",
    );
    expect(
      (find("phase-4-test-blue-stack-and-make-go-no-go-decision", "2").spec as { message?: string }).message,
    ).toBe("We are a {{goNoGoDecision}} on updating the Production stack");
  });

  it("writes exactly one run.created audit event, first in the run's chain", async () => {
    const run = await makeSeedRun(operator, { changesetVersion: "5.1" });
    const events = await db().auditEvent.findMany({ where: { runId: run.id }, orderBy: { seq: "asc" } });
    // The seed's /cc group is nobody here: reported right after, in the same transaction.
    expect(events.map((e) => e.action)).toEqual(["run.created", "run.cc_unresolved"]);
    const [event] = events;
    expect(event).toMatchObject({
      stream: `run:${run.id}`,
      seq: 1,
      prevHash: null,
      actorId: operator.id,
      action: "run.created",
      itemId: null,
    });
    expect(event!.createdAt.getTime()).toBe(run.createdAt.getTime());
    const template = await db().template.findUniqueOrThrow({
      where: { slug: SEED_SLUG },
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    });
    expect(event!.payload).toEqual({
      number: run.number,
      title: "Promote Changeset v5.1 To Production",
      template: SEED_SLUG,
      templateVersion: template.versions[0]!.version,
      fields: { promotionDate: "2026-12-01", changesetVersion: "5.1" },
      items: 44,
      assignees: [],
    });
  });

  it("pins the latest template version and the creator", async () => {
    const run = await makeSeedRun(operator);
    const version = await db().templateVersion.findUniqueOrThrow({
      where: { id: run.templateVersionId },
      include: { template: true },
    });
    expect(version.template.slug).toBe(SEED_SLUG);
    const latest = await db().templateVersion.aggregate({
      where: { templateId: version.templateId },
      _max: { version: true },
    });
    expect(version.version).toBe(latest._max.version);
    expect(run.createdById).toBe(operator.id);
    expect(run.status).toBe("open");
    expect(run.parentRunId).toBeNull();
  });
});

describe("createRun refuses bad input and stores nothing", () => {
  it.each([
    [
      "a version without a minor part",
      { changesetVersion: "4" },
      "changesetVersion",
      "Use the form X.Y, e.g. 4.3",
    ],
    ["an impossible date", { promotionDate: "2026-13-45" }, "promotionDate", "Not a real date"],
    ["a date in another form", { promotionDate: "01/12/2026" }, "promotionDate", "Use the form YYYY-MM-DD"],
    ["a blank version", { changesetVersion: "   " }, "changesetVersion", "Use the form X.Y, e.g. 4.3"],
  ])("refuses %s, naming the field", async (_label, override, field, message) => {
    const before = await counts();
    const error = await expectRejection(
      createRun({
        actor: operator,
        templateSlug: SEED_SLUG,
        fields: { promotionDate: "2026-12-01", changesetVersion: "4.3", ...override },
      }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual([field]);
    expect(error.fieldErrors[field]![0]).toBe(message);
    expect(error.message).toBe(
      `Check these fields: ${field === "changesetVersion" ? "Changeset Version" : "Promotion Date"}.`,
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses a missing required version", async () => {
    const before = await counts();
    const error = await expectRejection(
      createRun({ actor: operator, templateSlug: SEED_SLUG, fields: { promotionDate: "2026-12-01" } }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["changesetVersion"]);
    expect(error.fieldErrors.changesetVersion).toHaveLength(1);
    expect(error.message).toBe("Check these fields: Changeset Version.");
    expect(await counts()).toEqual(before);
  });

  it("names every bad field at once", async () => {
    const error = await expectRejection(
      createRun({
        actor: operator,
        templateSlug: SEED_SLUG,
        fields: { promotionDate: "tomorrow", changesetVersion: "4", checklistCompleters: "alice" },
      }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors).sort()).toEqual([
      "changesetVersion",
      "checklistCompleters",
      "promotionDate",
    ]);
  });

  it("refuses an unknown template", async () => {
    const before = await counts();
    await expectRejection(
      createRun({ actor: operator, templateSlug: "no-such-template", fields: {} }),
      NotFoundError,
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses an auditor (ForbiddenError) and no one (UnauthenticatedError)", async () => {
    const auditor = await makeUser("auditor");
    const before = await counts();
    const fields = { promotionDate: "2026-12-01", changesetVersion: "4.3" };
    await expectRejection(createRun({ actor: auditor, templateSlug: SEED_SLUG, fields }), ForbiddenError);
    await expectRejection(createRun({ actor: null, templateSlug: SEED_SLUG, fields }), UnauthenticatedError);
    expect(await counts()).toEqual(before);
  });
});

describe("run numbers", () => {
  it("go up by one across concurrent creations, with no duplicates or gaps", async () => {
    const before = await db().run.aggregate({ _max: { number: true } });
    const runs = await Promise.all(
      Array.from({ length: 5 }, (_, n) => makeSeedRun(operator, { changesetVersion: `7.${n}` })),
    );
    const numbers = runs.map((r) => r.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(5);
    const first = numbers[0]!;
    expect(numbers).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
    expect(first).toBe((before._max.number ?? 0) + 1);
    // Numbered in the order the runs were stored.
    const stored = await db().run.findMany({
      where: { id: { in: runs.map((r) => r.id) } },
      orderBy: { number: "asc" },
    });
    for (let n = 1; n < stored.length; n++) {
      expect(stored[n]!.createdAt.getTime()).toBeGreaterThanOrEqual(stored[n - 1]!.createdAt.getTime());
    }
  });
});

describe("items ticked in the template", () => {
  it("arrive done, counted as done, with the note that says why", async () => {
    const operator = await makeUser("operator");
    const { slug } = await importTemplate({
      actor: "system",
      markdown: "### Prepared\n* [x] Freeze the release branch\n* [ ] Tag the release\n",
      name: `Pre-ticked ${Date.now()}`,
    });
    const run = await createRun({ actor: operator, templateSlug: slug, fields: {} });
    const items = await db().runItem.findMany({ where: { runId: run.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => [i.text, i.state, i.note])).toEqual([
      ["Freeze the release branch", "done", "Done in the template."],
      ["Tag the release", "open", null],
    ]);
    expect(items[0]!.doneAt).not.toBeNull();
  });
});
