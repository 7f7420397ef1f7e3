"use client";

import { confirmTimedAnnouncementAction } from "@/app/(app)/runs/timed-announcement-actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { LocalTime } from "@/components/ui/local-time";
import type { RunItemView, RunView } from "@/lib/runs/run-view";

/**
 * A timed announcement on its item: when it is due and how it will go, "due: confirm sending"
 * with the one-click confirm, and afterwards how it went out (on its own, or confirmed by whom).
 */
export function TimedAnnouncementStatus(props: { run: RunView; item: RunItemView; editable: boolean }) {
  const { run, item } = props;
  const command = useRunCommand(run.number);
  const t = run.timedAnnouncements.find((a) => a.itemId === item.id);
  if (!t) return null;
  const confirm = () => command.run(() => confirmTimedAnnouncementAction({ runId: run.id, itemId: item.id }));
  return (
    <div className="mt-2 space-y-1 text-sm" data-testid="timed-announcement" data-status={t.status}>
      {t.status === "pending" && (
        <p className="text-slate-700">
          Timed: {t.mode === "auto" ? "sends on its own" : "asks for a confirm"} at{" "}
          <LocalTime iso={t.fireAt} />
        </p>
      )}
      {t.status === "due" && (
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="warn">Due: confirm sending</Badge>
          <span className="text-slate-700">
            since <LocalTime iso={t.askedAt ?? t.fireAt} />
            {t.reason ? ` (${t.reason})` : ""}
          </span>
          {props.editable && (
            <Button size="sm" variant="primary" disabled={command.pending} onClick={confirm}>
              {command.pending ? "Sending…" : "Confirm sending"}
            </Button>
          )}
        </div>
      )}
      {t.status === "sent" && (
        <p className="text-slate-700">
          <Badge tone="good">
            {t.sentHow === "automatic" ? "Sent automatically at its time" : "Confirmed"}
          </Badge>{" "}
          {t.sentHow === "confirmed" && t.confirmedBy ? `by ${t.confirmedBy.name} ` : ""}
          {t.sentAt && <LocalTime iso={t.sentAt} />}
        </p>
      )}
      {t.status === "cancelled" && t.reason && (
        <p className="text-slate-600">Timed send cancelled: {t.reason}.</p>
      )}
      <FormError error={command.error} />
    </div>
  );
}
