"use client";

import type { FieldDef } from "@/lib/templates/definition";
import type { RunItemView } from "@/lib/runs/run-view";
import { recordItemAction } from "@/app/(app)/runs/flow-actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/** A record item asks for a value; recording it sets the run's field and ticks the item. */
export function RecordForm(props: {
  runId: string;
  runNumber: number;
  item: RunItemView;
  field: FieldDef | undefined;
}) {
  const cmd = useRunCommand(props.runNumber);
  const { item, field } = props;
  const isDateTime = field?.type === "datetime";
  // A datetime is entered in the viewer's own time zone and stored in UTC.
  const zone = typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  return (
    <form
      className="mt-1 flex flex-wrap items-center gap-2 text-sm"
      onKeyDown={(e) => e.stopPropagation()}
      onSubmit={(e) => {
        e.preventDefault();
        const value = String(new FormData(e.currentTarget).get("value") ?? "");
        cmd.run(() =>
          recordItemAction({
            runId: props.runId,
            itemId: item.id,
            version: item.version,
            value,
            timeZone: zone,
          }),
        );
      }}
    >
      <label className="flex min-w-0 max-w-full flex-wrap items-center gap-1">
        <span className="text-slate-600">{field?.label ?? "Value"}</span>
        <input
          name="value"
          required
          type={isDateTime ? "datetime-local" : "text"}
          placeholder={field?.hint}
          aria-label={`Value for ${item.path}`}
          className="min-h-6 max-w-full min-w-0 rounded border border-slate-400 px-2 py-0.5"
        />
      </label>
      {isDateTime && <span className="text-xs text-slate-600">{zone}</span>}
      <Button type="submit" size="sm" variant="primary" pending={cmd.pending}>
        Record
      </Button>
      <FormError error={cmd.error} className="w-full" />
    </form>
  );
}
