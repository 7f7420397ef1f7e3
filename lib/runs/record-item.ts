import "server-only";
import { DomainError, ValidationError } from "@/lib/errors";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";
import { outOfOrderFlag } from "@/lib/runs/flow/run-availability";
import { runDefinition, setRunField } from "@/lib/runs/flow-effects";
import { flowFields } from "@/lib/runs/flow-fields";
import { fieldValueSchema } from "@/lib/templates/field-values";
import type { ItemSpec } from "@/lib/runs/run-view";
import { DateTime } from "luxon";

/**
 * A record item ("Record here: _MAINTENANCE_WINDOW_DATE_TIME_") sets a field of the run
 * and is ticked by doing so. Recording the maintenance window also sets the run's window.
 */
export function recordItem(ref: ItemRef & { value: string; timeZone?: string }) {
  return changeItem(ref, async ({ item, actor, tx, now, requireAvailable }) => {
    const spec = item.spec as ItemSpec;
    if (item.kind !== "record" || !spec.recordField || spec.recordValue) {
      throw new DomainError("This item does not record a value.");
    }
    if (item.state !== "open") throw new DomainError("This item is not open.");
    const availability = requireAvailable();
    const def = await runDefinition(tx, item.run);
    const field = def.fields.find((f) => f.key === spec.recordField);
    if (!field) throw new DomainError(`The template has no field "${spec.recordField}".`);
    const parsed = fieldValueSchema(field).safeParse(ref.value.trim());
    if (!parsed.success) {
      throw new ValidationError(`${field.label}: ${parsed.error.issues[0]?.message}`, {
        value: parsed.error.issues.map((i) => i.message),
      });
    }
    let value = parsed.data;
    const isWindow = flowFields(def.fields).window?.key === field.key;
    let windowStart: Date | null = null;
    if (isWindow) {
      const zone = ref.timeZone || item.run.windowTimeZone;
      const local = DateTime.fromISO(value, { zone });
      if (!local.isValid)
        throw new ValidationError(`${field.label}: not a date and time`, { value: ["Not a date and time"] });
      windowStart = local.toJSDate();
      value = local.toUTC().toISO()!;
      await tx.run.update({ where: { id: item.runId }, data: { windowStart, windowTimeZone: zone } });
    }
    await setRunField(tx, item.run, field.key, value);
    return {
      action: "item.recorded",
      data: { state: "done", doneById: actor.id, doneAt: now, elapsedMs: 0 },
      payload: {
        field: field.key,
        value,
        ...(windowStart ? { windowStart: windowStart.toISOString() } : {}),
        ...outOfOrderFlag(availability),
      },
    };
  });
}
