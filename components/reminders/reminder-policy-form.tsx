"use client";

import { useState, useTransition } from "react";
import { setReminderPolicyAction } from "@/app/(app)/templates/reminder-actions";
import type { PhaseLead } from "@/lib/reminders/reminder-policy";
import { SOURCE_LABEL } from "@/components/reminders/policy-source";

type Props = { templateSlug: string; phases: PhaseLead[]; overdueMarginMinutes: number };

/** Lead time per timed phase and the overdue margin; an emptied field goes back to the default. */
export function ReminderPolicyForm({ templateSlug, phases, overdueMarginMinutes }: Props) {
  const [leads, setLeads] = useState(() =>
    Object.fromEntries(phases.map((p) => [p.key, p.isDefault ? "" : String(p.leadMinutes)])),
  );
  const [margin, setMargin] = useState(String(overdueMarginMinutes));
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();

  function save() {
    start(async () => {
      const leadMinutes = Object.fromEntries(
        Object.entries(leads)
          .filter(([, v]) => v.trim() !== "")
          .map(([k, v]) => [k, Number(v)]),
      );
      const result = await setReminderPolicyAction({
        templateSlug,
        leadMinutes,
        overdueMarginMinutes: Number(margin),
      });
      if (result.ok) {
        setErrors({});
        setNotice({ kind: "ok", text: "Saved. Open runs are planned again within a minute." });
      } else {
        setErrors(result.fieldErrors ?? {});
        setNotice({ kind: "error", text: result.error });
      }
    });
  }

  return (
    <form
      className="space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <table className="w-full">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="py-1 font-normal">Phase</th>
            <th className="py-1 font-normal">Due</th>
            <th className="py-1 font-normal">Remind, minutes before</th>
            <th className="py-1 font-normal">Applies</th>
          </tr>
        </thead>
        <tbody>
          {phases.map((p) => (
            <tr key={p.key} className="border-t border-slate-100">
              <td className="py-1 pr-3">{p.title}</td>
              <td className="py-1 pr-3 text-slate-600">{p.offsetLabel}</td>
              <td className="py-1">
                <input
                  aria-label={`Lead time for ${p.title}`}
                  inputMode="numeric"
                  className="w-24 rounded border border-slate-300 px-2 py-1"
                  placeholder={`${p.leadMinutes} (${p.isDefault ? SOURCE_LABEL[p.source] : "default"})`}
                  value={leads[p.key] ?? ""}
                  onChange={(e) => setLeads({ ...leads, [p.key]: e.target.value })}
                />
                {errors[`leadMinutes.${p.key}`]?.map((m) => (
                  <span key={m} className="ml-2 text-red-700">
                    {m}
                  </span>
                ))}
              </td>
              <td className="py-1 text-slate-600" data-testid={`lead-source-${p.key}`}>
                {SOURCE_LABEL[p.source]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="flex items-center gap-2">
        Escalate a phase overdue by
        <input
          inputMode="numeric"
          className="w-20 rounded border border-slate-300 px-2 py-1"
          value={margin}
          onChange={(e) => setMargin(e.target.value)}
        />
        minutes
      </label>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-50"
        >
          {pending ? "Saving…" : "Save reminders"}
        </button>
        {notice && (
          <p role="status" className={notice.kind === "error" ? "text-red-700" : "text-emerald-800"}>
            {notice.text}
          </p>
        )}
      </div>
    </form>
  );
}
