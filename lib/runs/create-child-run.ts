import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError } from "@/lib/errors";
import { createRun } from "@/lib/runs/create-run";
import { setRunField } from "@/lib/runs/flow-effects";
import { formatDuration } from "@/lib/runs/elapsed";
import type { ItemSpec } from "@/lib/runs/run-view";
import { definitionSchema } from "@/lib/templates/definition";
import { startFields } from "@/lib/templates/field-values";
import { templateForLink } from "@/lib/templates/template-name";
import { renderTokens } from "@/lib/templates/render-tokens";
import { flowFields } from "@/lib/runs/flow-fields";
import { outOfOrderFlag, requireAvailable } from "@/lib/runs/flow/run-availability";
import { writeItems } from "@/lib/runs/flow/item-writer";
import { openRun } from "@/lib/runs/run-transaction";

/** The template a link item names (see templateForLink), among the parent's team's only. */
export async function resolveLinkTemplate(linkTemplate: string, teamId: string) {
  // A child run belongs to its parent's team.
  const templates = await db().template.findMany({ where: { teamId }, select: { slug: true, name: true } });
  return templateForLink(linkTemplate, templates);
}

/**
 * Creates the child checklist a link item asks for ("Closes #…", "Post mortem issue"),
 * pre-filled from the parent: fields of the same name, the decision's rationale, the
 * result and the timeline so far. The parent records the child's number in the item's field.
 */
export async function createChildRun(input: { actor: Actor | null; runId: string; itemId: string }) {
  const actor = await requireRunPermission(input.actor, input.runId, "runs.write");
  const parent = await db().run.findUnique({
    where: { id: input.runId },
    include: {
      items: {
        where: { state: "done" },
        orderBy: { doneAt: "asc" },
        include: { doneBy: { select: { handle: true } } },
      },
      decisions: { orderBy: { decidedAt: "desc" }, take: 1 },
    },
  });
  const item = await db().runItem.findUnique({ where: { id: input.itemId } });
  if (!parent || !item || item.runId !== parent.id)
    throw new NotFoundError("That item is not part of this run.");
  openRun(parent);
  const spec = item.spec as ItemSpec;
  if (item.kind !== "link" || !spec.linkTemplate)
    throw new DomainError("This item does not link to a checklist.");
  if (item.state !== "open") throw new DomainError("This item is not open.");
  const existing = await db().run.findFirst({ where: { parentItemId: item.id } });
  if (existing) throw new DomainError(`Child run #${existing.number} already answers this item.`);
  const template = await resolveLinkTemplate(spec.linkTemplate, parent.teamId);
  if (!template) throw new NotFoundError(`No template matches "${spec.linkTemplate}". Import it first.`);

  const latest = await db().templateVersion.findFirstOrThrow({
    where: { template: { slug: template.slug } },
    orderBy: { version: "desc" },
  });
  const childDef = definitionSchema.parse(latest.definition);
  const parentDef = definitionSchema.parse(
    (await db().templateVersion.findUniqueOrThrow({ where: { id: parent.templateVersionId } })).definition,
  );
  const childFields = startFields(childDef.fields);
  const parentFields = parent.fields as Record<string, string>;
  const known: Record<string, string | undefined> = {
    ...parentFields,
    decisionRationale: parent.decisions[0]?.rationale,
    timelineSoFar: parent.items
      .map(
        (i) =>
          `${i.doneAt!.toISOString()} ${i.path} ${renderTokens(i.text, parentFields)} — @${i.doneBy?.handle ?? "flow"} (${formatDuration(i.elapsedMs)})`,
      )
      .join("\n"),
  };
  const prefill = Object.fromEntries(
    childFields.filter((f) => known[f.key]).map((f) => [f.key, known[f.key]!]),
  );
  // The result is not asked for at start, so the parent hands it over.
  const resultKey = flowFields(childDef.fields).result?.key;
  const presetFields: Record<string, string> =
    resultKey && parent.result ? { [resultKey]: parent.result } : {};

  return createRun({
    actor,
    templateSlug: template.slug,
    fields: prefill,
    parent: {
      runId: parent.id,
      itemId: item.id,
      rehearsal: parent.rehearsal,
      presetFields,
      onCreated: async (tx, child) => {
        await lockStream(tx, streamFor(parent.id));
        const now = new Date();
        // Checked again under the parent's lock: two clicks must not make two children.
        const twin = await tx.run.findFirst({ where: { parentItemId: item.id, id: { not: child.id } } });
        if (twin) throw new DomainError(`Child run #${twin.number} already answers this item.`);
        const fresh = openRun(await tx.run.findUniqueOrThrow({ where: { id: parent.id } }));
        const availability = await requireAvailable(tx, fresh, item);
        if (spec.recordField) {
          // "Closes #_ISSUE_NUMBER_" has its "#" in the text; "_REPLACE_WITH_ #ISSUE_NUMBER" in the hint.
          const hint = parentDef.fields.find((f) => f.key === spec.recordField)?.hint ?? "";
          await setRunField(tx, fresh, spec.recordField, `${hint.startsWith("#") ? "#" : ""}${child.number}`);
        }
        await writeItems(tx, { id: item.id }, { startedAt: now }, now);
        await appendAuditEvent(tx, {
          runId: parent.id,
          actorId: actor.id,
          action: "child.created",
          itemId: item.id,
          payload: {
            childRunId: child.id,
            childNumber: child.number,
            template: template.slug,
            ...outOfOrderFlag(availability),
          },
          at: now,
        });
      },
    },
  });
}
