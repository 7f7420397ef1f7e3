import type { RunReminderView } from "@/lib/reminders/list-run-reminders";

const STATUS: Record<RunReminderView["status"], string> = {
  pending: "scheduled",
  sending: "sending",
  sent: "sent",
  cancelled: "not sent",
  failed: "failed",
};

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * The run's reminders and escalations: when each goes out, and what became of it. Read on
 * the server when the page loads; the times are UTC like the audit view's.
 */
export function RunReminders({ reminders }: { reminders: RunReminderView[] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="run-reminders">
      <header className="border-b border-slate-100 px-4 py-3">
        <h2 className="font-semibold">Reminders</h2>
      </header>
      <div className="px-4 py-3 text-sm">
        {reminders.length === 0 ? (
          <p className="text-slate-500">
            None yet: reminders are planned once the run has a maintenance window.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {reminders.map((r) => (
              <li
                key={r.id}
                className="flex flex-wrap items-baseline gap-x-3 py-2"
                data-testid="run-reminder"
              >
                <span className="font-medium">{r.kind === "lead" ? "Before" : "Overdue"}</span>
                <span>{r.phase}</span>
                <span className="text-slate-600">
                  {r.status === "sent" && r.sentAt ? `sent ${utc(r.sentAt)}` : utc(r.fireAt)}
                </span>
                <span
                  className={
                    r.status === "failed"
                      ? "text-red-700"
                      : r.status === "sent"
                        ? "text-emerald-800"
                        : "text-slate-500"
                  }
                >
                  {STATUS[r.status]}
                </span>
                {r.note && <span className="text-slate-500">— {r.note}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
