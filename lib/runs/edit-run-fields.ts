import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import { runDefinition } from "@/lib/runs/flow-effects";
import { startFields, fieldValueSchema } from "@/lib/templates/field-values";
import { walkItems } from "@/lib/templates/definition";
import { renderTokens } from "@/lib/templates/render-tokens";
import type { ItemSpec } from "@/lib/runs/run-view";
import { runTitle } from "@/lib/rehearsals/rehearsal-label";
import { writeItems } from "@/lib/runs/flow/item-writer";

export type EditRunFieldsInput = {
  actor: Actor | null;
  runId: string;
  /** Only the fields to change; an empty string clears an optional field. */
  fields: Record<string, string>;
  reason: string;
};

/**
 * Corrects header fields after a run started (a mistyped stack id would otherwise block the
 * AWS steps for good). Only fields asked for at start may change; the result and other
 * values the flow records stay the flow's. The title and the open items' text are filled
 * again from the template; done items keep the words they were ticked against. One audit
 * event lists every old and new value with the reason.
 */
export async function editRunFields({ actor: maybeActor, runId, fields, reason }: EditRunFieldsInput) {
  const actor = await requireRunPermission(maybeActor, runId, "runs.write");
  if (!reason.trim())
    throw new ValidationError("Say why the fields are corrected.", { reason: ["A reason is required"] });
  return inRunTransaction(runId, async ({ tx, run, now }) => {
    const def = await runDefinition(tx, run);
    const editable = new Map(startFields(def.fields).map((f) => [f.key, f]));
    const fieldErrors: Record<string, string[]> = {};
    const current = run.fields as Record<string, string>;
    const next = { ...current };
    const changes: { key: string; label: string; from: string | null; to: string | null }[] = [];
    for (const [key, raw] of Object.entries(fields)) {
      const field = editable.get(key);
      if (!field) {
        fieldErrors[key] = [
          def.fields.some((f) => f.key === key)
            ? "Set by the run itself; it cannot be edited"
            : "No such field",
        ];
        continue;
      }
      const value = raw.trim();
      if (!value) {
        if (field.required) fieldErrors[key] = ["Required"];
        else if (current[key] !== undefined) {
          changes.push({ key, label: field.label, from: current[key] ?? null, to: null });
          delete next[key];
        }
        continue;
      }
      const parsed = fieldValueSchema(field).safeParse(value);
      if (!parsed.success) {
        fieldErrors[key] = parsed.error.issues.map((i) => i.message);
        continue;
      }
      if (current[key] !== parsed.data) {
        changes.push({ key, label: field.label, from: current[key] ?? null, to: parsed.data });
        next[key] = parsed.data;
      }
    }
    if (Object.keys(fieldErrors).length)
      throw new ValidationError("Some fields could not be changed; nothing was saved.", fieldErrors);
    if (!changes.length) return { changed: [] as typeof changes };

    const title = runTitle(renderTokens(def.titlePattern, next), run.rehearsal);
    await tx.run.update({ where: { id: run.id }, data: { fields: next, title } });
    const items = await tx.runItem.findMany({
      where: { runId: run.id, state: "open" },
      select: { id: true, position: true, spec: true },
    });
    const byPosition = [...walkItems(def)];
    for (const item of items) {
      const source = byPosition[item.position]?.item;
      if (!source) continue;
      const spec = item.spec as ItemSpec;
      await writeItems(
        tx,
        { id: item.id },
        {
          text: renderTokens(source.text, next),
          spec: { ...spec, ...(source.message ? { message: renderTokens(source.message, next) } : {}) },
        },
        now,
      );
    }
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: actor.id,
      action: "run.fields_edited",
      payload: { reason: reason.trim(), changes, title },
      at: now,
    });
    return { changed: changes };
  });
}
