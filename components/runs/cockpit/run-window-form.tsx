"use client";

/** The maintenance window as the viewer's local times, sent with their zone so the server reads them as meant. */
export function RunWindowForm({
  zone,
  onSave,
  onCancel,
}: {
  zone: string;
  onSave: (window: { start: string; end: string | null; timeZone: string }) => void;
  onCancel: () => void;
}) {
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        onSave({
          start: String(f.get("start") ?? ""),
          end: String(f.get("end") ?? "") || null,
          timeZone: zone,
        });
      }}
    >
      <label>
        Starts{" "}
        <input
          name="start"
          type="datetime-local"
          required
          className="max-w-full rounded border border-slate-400 px-2 py-0.5"
        />
      </label>
      <label>
        Ends{" "}
        <input
          name="end"
          type="datetime-local"
          className="max-w-full rounded border border-slate-400 px-2 py-0.5"
        />
      </label>
      <span className="text-xs text-slate-600">{zone}</span>
      <button type="submit" className="rounded bg-slate-900 px-2 py-0.5 text-white">
        Save window
      </button>
      <button type="button" className="underline" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
