"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { setTeamReminderDefaultsAction } from "@/app/(app)/teams/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import type { TeamSettingsView } from "@/lib/team-settings/get-team-settings";

type Reminders = TeamSettingsView["reminders"];

/** The workspace defaults the blank fields leave in force (lib/reminders/lead-time.ts). */
const FIELDS = [
  { key: "daysAhead", label: "Phases due a day or more ahead", workspace: "1 day (1440)" },
  { key: "hoursAhead", label: "Phases due an hour or more ahead", workspace: "30 minutes" },
  {
    key: "minutesAhead",
    label: "Phases due within the hour",
    workspace: "15 minutes, or the phase's offset",
  },
] as const;

/** A blank field is null (the workspace default); anything else goes as a number for the server to judge. */
const numberOrNull = (v: FormDataEntryValue | null) => {
  const text = String(v ?? "").trim();
  return text === "" ? null : Number(text);
};

export function TeamRemindersForm({ team, reminders }: { team: string; reminders: Reminders }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useServerAction();
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="space-y-3"
      data-testid="team-reminders-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const data = {
          team,
          daysAhead: numberOrNull(f.get("daysAhead")),
          hoursAhead: numberOrNull(f.get("hoursAhead")),
          minutesAhead: numberOrNull(f.get("minutesAhead")),
          overdueMarginMinutes: numberOrNull(f.get("overdueMarginMinutes")),
        };
        setSaved(false);
        run(
          () => setTeamReminderDefaultsAction(data),
          () => {
            setSaved(true);
            router.refresh();
          },
        );
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map((d) => (
          <Field
            key={d.key}
            label={`${d.label}: remind, minutes before`}
            hint={`Blank: the workspace default, ${d.workspace}.`}
            error={fieldError(d.key)}
          >
            <input
              name={d.key}
              inputMode="numeric"
              defaultValue={reminders.leads[d.key] ?? ""}
              className={inputClass}
            />
          </Field>
        ))}
        <Field
          label="Escalate a phase overdue by, minutes"
          hint={`Blank: the workspace default, ${reminders.workspaceOverdueMarginMinutes} minutes.`}
          error={fieldError("overdueMarginMinutes")}
        >
          <input
            name="overdueMarginMinutes"
            inputMode="numeric"
            defaultValue={reminders.overdueMarginMinutes ?? ""}
            className={inputClass}
          />
        </Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" pending={pending} pendingLabel="Saving…">
          Save reminder defaults
        </Button>
        {saved && !error && (
          <p role="status" className="text-sm text-emerald-800">
            Saved. Open runs are planned again within a minute.
          </p>
        )}
        <FormError error={error} />
      </div>
    </form>
  );
}
