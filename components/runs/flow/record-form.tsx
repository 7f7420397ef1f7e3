"use client";

import type { FieldDef } from "@/lib/templates/definition";
import type { RunItemView } from "@/lib/runs/run-view";
import { recordItemAction } from "@/app/(app)/runs/flow-actions";
import { useRunCommand } from "@/components/runs/use-run-command";

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
      <label className="flex items-center gap-1">
        <span className="text-slate-600">{field?.label ?? "Value"}</span>
        <input
          name="value"
          required
          type={isDateTime ? "datetime-local" : "text"}
          placeholder={field?.hint}
          aria-label={`Value for ${item.path}`}
          className="rounded border border-slate-300 px-2 py-0.5"
        />
      </label>
      {isDateTime && <span className="text-xs text-slate-500">{zone}</span>}
      <button
        type="submit"
        disabled={cmd.pending}
        className="rounded bg-slate-900 px-2 py-0.5 text-white disabled:opacity-50"
      >
        Record
      </button>
      {cmd.error && (
        <span role="alert" className="text-red-700">
          {cmd.error}
        </span>
      )}
    </form>
  );
}
