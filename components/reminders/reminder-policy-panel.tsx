import type { ReminderPolicyView } from "@/lib/reminders/reminder-policy";
import { minutesLabel } from "@/lib/reminders/lead-time";
import { ReminderPolicyForm } from "@/components/reminders/reminder-policy-form";
import { SOURCE_LABEL } from "@/components/reminders/policy-source";

/** A template's reminders: shown to readers, editable by those who may change templates. */
export function ReminderPolicyPanel({ policy, canEdit }: { policy: ReminderPolicyView; canEdit: boolean }) {
  const templateSlug = policy.templateSlug;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="reminder-policy">
      <header className="border-b border-slate-100 px-4 py-3">
        <h2 className="font-semibold">Reminders</h2>
        <p className="text-sm text-slate-600">
          Before each timed phase, its assignees and the run&apos;s completers are reminded by email and on
          the run&apos;s Slack channel; a phase still open {minutesLabel(policy.overdueMarginMinutes)} after
          it was due is escalated once ({SOURCE_LABEL[policy.overdueMarginSource]}). A phase the template does
          not set gets its team&apos;s lead time, else the workspace default.
        </p>
      </header>
      <div className="px-4 py-3">
        {policy.phases.length === 0 ? (
          <p className="text-sm text-slate-500">This template has no timed phases.</p>
        ) : canEdit ? (
          <ReminderPolicyForm
            templateSlug={templateSlug}
            phases={policy.phases}
            overdueMarginMinutes={policy.overdueMarginMinutes}
          />
        ) : (
          <ul className="text-sm">
            {policy.phases.map((p) => (
              <li key={p.key}>
                {p.title}: {minutesLabel(p.leadMinutes)} before ({SOURCE_LABEL[p.source]})
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
