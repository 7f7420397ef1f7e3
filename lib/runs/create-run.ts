import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import type { Run } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { nextTeamNumber, requireRunTeam } from "@/lib/teams/run-team";
import { withTeamRoles } from "@/lib/teams/team-roles";
import { parseHandles, resolveHandles } from "@/lib/users/resolve-handles";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { resolveSubscribers } from "@/lib/acks/resolve-subscribers";
import { insertRunSubscribers, resolveCcSubscribers } from "@/lib/subscriptions/cc-subscribers";
import {
  definitionSchema,
  walkItems,
  type FieldDef,
  type ItemDef,
  type TemplateDefinition,
} from "@/lib/templates/definition";
import { fieldValueSchema, runFieldsSchema } from "@/lib/templates/field-values";
import { renderTokens } from "@/lib/templates/render-tokens";
import { fieldErrorsOf } from "@/lib/validation/parse-input";
import { runTitle } from "@/lib/rehearsals/rehearsal-label";
import { versionToStart } from "@/lib/rehearsals/rehearsal-start";
import { startWithTeamApprovers, teamMinApprovals, withTeamQuorum } from "@/lib/team-settings/team-approvers";

export type CreateRunInput = {
  actor: Actor | null;
  templateSlug: string;
  fields: Record<string, unknown>;
  /**
   * A child run: its parent, the parent's link item it answers, and values the parent
   * supplies for fields a person does not enter at start (such as the result).
   */
  parent?: {
    runId: string;
    itemId: string;
    presetFields?: Record<string, string>;
    /** A child of a rehearsal is a rehearsal too. */
    rehearsal: boolean;
    onCreated: (tx: Tx, child: Run) => Promise<void>;
  };
  /** Per acknowledgement group key: "emails or @handles, comma-separated". */
  subscribers?: Record<string, string>;
  /** A rehearsal: announcements to test destinations or captured, AWS steps dry runs or the sandbox's. */
  rehearsal?: boolean;
  /** A rehearsal may start from a chosen version of the template, to try it before it is used. */
  templateVersion?: number;
};

/**
 * Starts a run from the latest version of a template (a rehearsal: the version asked for): validates the field values
 * against the template's own field definitions, numbers the run, and snapshots every
 * section and item with placeholders filled, all in one transaction with its audit event.
 */
export async function createRun({
  actor: maybeActor,
  templateSlug,
  fields,
  parent,
  subscribers,
  ...input
}: CreateRunInput) {
  const actor = requirePermission(maybeActor, "runs.write");
  const rehearsal = parent ? parent.rehearsal : !!input.rehearsal;
  const template = await db().template.findUnique({ where: { slug: templateSlug } });
  const version =
    template &&
    (await versionToStart({ ...input, templateId: template.id, templateSlug, rehearsal, child: !!parent }));
  if (!template || !version) throw new NotFoundError(`No template "${templateSlug}".`);
  await requireRunTeam(actor, template.teamId, parent?.runId, `No template "${templateSlug}".`);
  const def = definitionSchema.parse(version.definition);

  const parsed = runFieldsSchema(def.fields).safeParse(fields);
  if (!parsed.success) throw fieldsError(def.fields, fieldErrorsOf(parsed.error));
  const values = Object.fromEntries(
    Object.entries(parsed.data).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  for (const [key, value] of Object.entries(parent?.presetFields ?? {})) {
    const field = def.fields.find((f) => f.key === key);
    if (field && fieldValueSchema(field).safeParse(value).success) values[key] = value;
  }
  const assigneeIds = await runAssigneesFrom(def.fields, values, template.teamId);
  const subscriberList = await resolveSubscribers(def.ackGroups, subscribers ?? {});
  const copied = await resolveCcSubscribers(def.cc, subscriberList);

  const minApprovals = await teamMinApprovals(db(), template.teamId);
  const { sections, items } = snapshotChecklist(def.sections, values, minApprovals);

  return db().$transaction(async (tx) => {
    // Numbers are gapless and in creation order, as a reader of the log expects.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('run-number', 0))`;
    const max = await tx.run.aggregate({ _max: { number: true } });
    const number = (max._max.number ?? 0) + 1;
    const teamNumber = await nextTeamNumber(tx, template.teamId);
    // Taken under the lock, so that creation times follow run numbers.
    const now = new Date();
    const run = await tx.run.create({
      data: {
        number,
        teamId: template.teamId,
        teamNumber,
        title: runTitle(renderTokens(def.titlePattern, values), rehearsal),
        rehearsal,
        templateVersionId: version.id,
        fields: values,
        parentRunId: parent?.runId ?? null,
        parentItemId: parent?.itemId ?? null,
        createdById: actor.id,
        createdAt: now,
      },
    });
    await tx.runSection.createMany({
      data: sections.map((s) => ({
        id: s.id,
        runId: run.id,
        key: s.key,
        position: s.position,
        title: s.title,
        offsetMinutes: s.offset?.minutes ?? null,
        offsetLabel: s.offset?.label ?? null,
        branch: s.branch,
      })),
    });
    await tx.runItem.createMany({
      data: items.map((i) => ({
        ...i,
        runId: run.id,
        updatedAt: now,
        // Ticked ([x]) in the template itself: done before the run starts, and says so.
        ...((i.spec as { done?: boolean }).done
          ? { state: "done" as const, doneAt: now, elapsedMs: 0, note: "Done in the template." }
          : {}),
      })),
    });
    await tx.runAssignee.createMany({
      data: assigneeIds.map((userId) => ({ runId: run.id, userId, createdAt: now })),
    });
    if (parent) await parent.onCreated(tx, run);
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: actor.id,
      action: "run.created",
      payload: {
        number,
        title: run.title,
        template: template.slug,
        templateVersion: version.version,
        ...(rehearsal ? { rehearsal: true } : {}),
        fields: values,
        items: items.length,
        assignees: assigneeIds,
        ...(minApprovals !== null ? { teamMinApprovals: minApprovals } : {}),
        ...(parent ? { parentRunId: parent.runId, parentItemId: parent.itemId } : {}),
      },
      at: now,
    });
    await startWithTeamApprovers(tx, run, actor, now);
    await insertRunSubscribers(tx, { runId: run.id, actorId: actor.id, asked: subscriberList, copied, now });
    return run;
  });
}

/**
 * The people who complete the run come from its handle fields (the seed's "Checklist
 * Completer(s)"); each handle must be an active user who may work on runs.
 */
async function runAssigneesFrom(
  fields: FieldDef[],
  values: Record<string, string>,
  teamId: string,
): Promise<string[]> {
  const ids = new Set<string>();
  const fieldErrors: Record<string, string[]> = {};
  for (const f of fields.filter((f) => f.type === "handles" && values[f.key])) {
    const { users, unknown } = await resolveHandles(parseHandles(values[f.key]));
    const idle = (await withTeamRoles(users))
      .filter((u) => !can(u, "runs.write", teamId))
      .map((u) => u.handle);
    if (unknown.length)
      (fieldErrors[f.key] ??= []).push(
        `No active user with handle ${unknown.map((h) => "@" + h).join(", ")}`,
      );
    if (idle.length)
      (fieldErrors[f.key] ??= []).push(`${idle.map((h) => "@" + h).join(", ")} may not work on runs`);
    users.forEach((u) => ids.add(u.id));
  }
  if (Object.keys(fieldErrors).length) throw fieldsError(fields, fieldErrors);
  return [...ids];
}

function fieldsError(fields: FieldDef[], fieldErrors: Record<string, string[]>) {
  const labels = Object.keys(fieldErrors).map((k) => fields.find((f) => f.key === k)?.label ?? k);
  return new ValidationError(`Check these fields: ${labels.join(", ")}.`, fieldErrors);
}

/**
 * The template's phases and items as the run's own rows: ids made here, placeholders filled,
 * a decision's quorum at least the team's minimum.
 */
function snapshotChecklist(
  defSections: TemplateDefinition["sections"],
  values: Record<string, string>,
  minApprovals: number | null,
) {
  const sections = defSections.map((s, position) => ({ ...s, id: randomUUID(), position }));
  const ids = new Map<ItemDef, string>();
  const items = [...walkItems({ sections })].map(({ section, item, depth, parent }, position) => {
    const id = randomUUID();
    ids.set(item, id);
    const { children: _children, key, text, kind, ...spec } = item;
    return {
      id,
      sectionId: sections.find((s) => s.key === section.key)!.id,
      parentId: parent ? ids.get(parent)! : null,
      position,
      path: key,
      depth,
      kind,
      text: renderTokens(text, values),
      spec: withTeamQuorum(
        kind,
        {
          ...spec,
          ...(spec.message ? { message: renderTokens(spec.message, values) } : {}),
        },
        minApprovals,
      ),
    };
  });
  return { sections, items };
}
