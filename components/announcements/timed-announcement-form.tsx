"use client";

import { useState } from "react";
import { setTimedAnnouncementModeAction } from "@/app/(app)/templates/timed-announcement-actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import type { TimedAnnouncementMode } from "@/lib/announcements/plan-timed-announcements";

const CHOICES: { value: TimedAnnouncementMode; label: string; hint: string }[] = [
  { value: "off", label: "Off", hint: "Announcements are sent by hand, as before." },
  {
    value: "confirm",
    label: "Ask for a confirm",
    hint: "At its time, the item's assignee (else the completers) is emailed a link to send it in one click.",
  },
  {
    value: "auto",
    label: "Send on its own",
    hint: "At its time it is sent automatically; if it cannot go yet, a confirm is asked for instead.",
  },
];

/** Opt-in for announcements of timed phases (such as "1 minute before change"). */
export function TimedAnnouncementForm(props: {
  templateSlug: string;
  mode: TimedAnnouncementMode;
  canEdit: boolean;
}) {
  const [mode, setMode] = useState(props.mode);
  const [saved, setSaved] = useState(false);
  const action = useServerAction();
  const save = () =>
    action.run(
      () => setTimedAnnouncementModeAction({ templateSlug: props.templateSlug, mode }),
      () => setSaved(true),
    );
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <fieldset className="space-y-2" disabled={!props.canEdit}>
        <legend className="text-base font-semibold">Timed announcements</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="flex gap-2">
            <input
              type="radio"
              name="timed-announcements"
              value={c.value}
              checked={mode === c.value}
              onChange={() => {
                setMode(c.value);
                setSaved(false);
              }}
            />
            <span>
              <span className="font-medium">{c.label}</span>
              <span className="block text-slate-600">{c.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {props.canEdit && (
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={action.pending}>
            {action.pending ? "Saving…" : "Save timed announcements"}
          </Button>
          {saved && <span role="status">Saved. Open runs are planned again within a minute.</span>}
        </div>
      )}
      <FormError error={action.error} />
    </form>
  );
}
