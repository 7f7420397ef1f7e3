import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { createRun } from "@/lib/runs/create-run";
import { getRunView } from "@/lib/runs/get-run-view";
import { diffTemplateVersions } from "@/lib/templates/diff-versions";
import { exportTemplateMarkdown } from "@/lib/templates/export-markdown";
import { importTemplate } from "@/lib/templates/import-template";
import { getTemplate } from "@/lib/templates/list-templates";
import { listTemplateVersions } from "@/lib/templates/list-versions";
import { makeUser, SEED_PATH } from "@/test/fixtures";

let operator: Actor;
let seed: string;

/** The seed as v1 and an edited v2 under a template name of this test's own. */
async function twoVersions() {
  const name = `Versions ${randomUUID().slice(0, 8)}`;
  const v1 = await importTemplate({ actor: operator, markdown: seed, name });
  const edited = seed.replace(
    "* [ ] Confirm Go Call\n",
    "* [ ] Confirm Go Call with the release manager\n* [ ] Book the war room\n",
  );
  return { name, v1, edit: () => importTemplate({ actor: operator, markdown: edited, name }) };
}

const startFields = { promotionDate: "2026-12-01", changesetVersion: "4.3" };

beforeAll(async () => {
  operator = await makeUser("operator");
  seed = await readFile(SEED_PATH, "utf8");
});

describe("template versions", () => {
  it("leaves a started run on its version when the template is edited", async () => {
    const { v1, edit } = await twoVersions();
    const run = await createRun({ actor: operator, templateSlug: v1.slug, fields: startFields });

    const v2 = await edit();
    expect(v2).toMatchObject({ slug: v1.slug, version: 2, created: true });

    const pinned = await getRunView({ actor: operator, number: run.number });
    expect(pinned.templateVersion).toBe(1);
    expect(pinned.items).toHaveLength(44);
    expect(pinned.items.map((i) => i.text)).toContain("Confirm Go Call");
    expect(pinned.items.map((i) => i.text)).not.toContain("Book the war room");

    const fresh = await getRunView({
      actor: operator,
      number: (await createRun({ actor: operator, templateSlug: v1.slug, fields: startFields })).number,
    });
    expect(fresh.templateVersion).toBe(2);
    expect(fresh.items).toHaveLength(45);
    expect(fresh.items.map((i) => i.text)).toContain("Book the war room");
  });

  it("lists versions newest first with who imported them, the hash and the counts", async () => {
    const { v1, edit } = await twoVersions();
    await edit();
    const versions = await listTemplateVersions({ actor: operator, slug: v1.slug });
    expect(versions.map((v) => [v.version, v.createdBy, v.sections, v.items])).toEqual([
      [2, operator.name, 9, 45],
      [1, operator.name, 9, 44],
    ]);
    expect(versions[0]?.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(versions[0]?.sourceSha256).not.toBe(versions[1]?.sourceSha256);
  });

  it("diffs two stored versions", async () => {
    const { v1, edit } = await twoVersions();
    await edit();
    const diff = await diffTemplateVersions({ actor: operator, slug: v1.slug, from: 1, to: 2 });
    expect(diff).toMatchObject({
      slug: v1.slug,
      from: 1,
      to: 2,
      counts: { changed: 1, added: 1, removed: 0 },
    });
    await expect(
      diffTemplateVersions({ actor: operator, slug: v1.slug, from: 1, to: 3 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("imports an exported version back as the same definition under the same template", async () => {
    const { name, v1 } = await twoVersions();
    const stored = await getTemplate({ actor: operator, slug: v1.slug, version: 1 });
    const again = await importTemplate({
      actor: operator,
      markdown: exportTemplateMarkdown(stored.definition),
      name,
    });
    expect(again).toMatchObject({ slug: v1.slug, version: 2 });
    const diff = await diffTemplateVersions({ actor: operator, slug: v1.slug, from: 1, to: 2 });
    expect(diff.counts).toEqual({ changed: 0, added: 0, removed: 0 });
  });

  it("needs templates.read", async () => {
    const { v1 } = await twoVersions();
    const subscriber = await makeUser("subscriber");
    await expect(listTemplateVersions({ actor: subscriber, slug: v1.slug })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      diffTemplateVersions({ actor: subscriber, slug: v1.slug, from: 1, to: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listTemplateVersions({ actor: null, slug: v1.slug })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(listTemplateVersions({ actor: operator, slug: "no-such-template" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
