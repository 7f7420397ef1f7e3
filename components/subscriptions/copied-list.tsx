import type { AckRosterView } from "@/lib/acks/ack-view";
import { LocalTime } from "@/components/ui/local-time";

/**
 * The run's /cc: people informed, not asked to acknowledge (so not in the counts above), and
 * the handles nobody could be copied for.
 */
export function CopiedList({ roster }: { roster: Pick<AckRosterView, "copied" | "ccUnknown"> }) {
  if (!roster.copied.length && !roster.ccUnknown.length) return null;
  return (
    <div data-testid="cc-subscribers">
      <h3 className="font-medium">Copied (/cc), informed only</h3>
      {roster.ccUnknown.length > 0 && (
        <p className="mt-1 rounded border border-amber-300 bg-amber-50 p-2" data-testid="cc-unknown">
          Not copied: no active user has the handle {roster.ccUnknown.join(", ")}. Ask an admin to add the
          person or team account, or add them to an acknowledgement list.
        </p>
      )}
      <ul className="mt-1 space-y-1">
        {roster.copied.map((c) => (
          <li key={c.id} className="flex flex-wrap gap-2">
            <span>
              {c.name}
              {c.handle ? ` @${c.handle}` : ""}
              {c.mine ? " (you)" : ""}
            </span>
            <span className="text-slate-600">
              {c.notifiedAt ? (
                <>
                  emailed <LocalTime iso={c.notifiedAt} />
                </>
              ) : c.notifyError ? (
                `no email: ${c.notifyError}`
              ) : (
                "email pending"
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
