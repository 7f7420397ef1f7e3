"use client";

import { retryNotificationAction } from "@/app/(app)/runs/notify-actions";
import { useRunCommand } from "@/components/runs/use-run-command";
import { LocalTime } from "@/components/ui/local-time";
import type { NotificationView } from "@/lib/notify/notification-view";
import { TargetScopeBadge } from "@/components/runs/notify/target-scope-badge";

/** The provider's answer in a few words: the evidence an operator looks for. */
export function providerEvidence(n: NotificationView): string {
  const r = n.providerResponse ?? {};
  switch (n.channel) {
    case "email": {
      const refused = (r.refused ?? []) as { address: string; reason: string }[];
      return (
        `message id ${String(r.messageId ?? "?")}` +
        (refused.length ? `; refused: ${refused.map((x) => `${x.address} (${x.reason})`).join(", ")}` : "")
      );
    }
    case "slack":
      return `Slack ${String(r.status ?? "?")} "${String(r.body ?? "")}"`;
    case "statuspage":
      return `incident ${String(r.incidentId ?? "?")} ${String(r.action ?? "")} (${String(r.incidentStatus ?? "?")})`;
  }
}

/** Whose target the delivery went to, as recorded with the provider's answer. */
function scopeOf(n: NotificationView) {
  const s = n.providerResponse?.targetScope;
  return s === "team" || s === "workspace" ? s : null;
}

const tone = {
  queued: "bg-slate-100 text-slate-800",
  sending: "bg-sky-100 text-sky-900",
  delivered: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
} as const;

/** A channel sub-item's latest delivery: status, the provider's answer or the error, and Retry. */
export function DeliveryStatus(props: {
  runId: string;
  runNumber: number;
  send: NotificationView;
  editable: boolean;
}) {
  const { send: n } = props;
  const { run, pending, error } = useRunCommand(props.runNumber);
  // A rehearsal's message to a target without a test destination was kept here and sent nowhere.
  const captured = n.status === "delivered" && n.providerResponse?.captured === true;
  const test = n.providerResponse?.testDestination === true;
  return (
    <div
      className="mt-1 flex flex-wrap items-center gap-2 text-xs"
      data-testid={`delivery-${n.channel}`}
      data-status={captured ? "captured" : n.status}
    >
      <span
        className={`rounded px-1.5 py-0.5 font-medium ${captured ? "bg-amber-100 text-amber-900" : tone[n.status]}`}
      >
        {captured ? "captured, not sent" : test ? `${n.status} to the test destination` : n.status}
      </span>
      <TargetScopeBadge scope={scopeOf(n)} />
      {n.status === "delivered" && (
        <span data-testid="delivery-evidence">
          {captured ? "rehearsal: no test destination is configured for this target" : providerEvidence(n)}
          {n.deliveredAt && (
            <>
              {" "}
              at <LocalTime iso={n.deliveredAt} withSeconds />
            </>
          )}
        </span>
      )}
      {(n.status === "queued" || n.status === "sending") && n.attempts > 0 && n.lastError && (
        <span className="text-slate-600">
          attempt {n.attempts} failed: {n.lastError}; trying again
        </span>
      )}
      {n.status === "failed" && (
        <>
          <span className="text-red-800" data-testid="delivery-error">
            {n.lastError ?? "failed"} (after {n.attempts} attempt{n.attempts === 1 ? "" : "s"})
          </span>
          {props.editable && (
            <button
              type="button"
              className="rounded border border-red-300 px-2 py-0.5 text-red-900 hover:bg-red-50"
              disabled={pending}
              onClick={() => run(() => retryNotificationAction({ runId: props.runId, notificationId: n.id }))}
            >
              {pending ? "Retrying…" : "Retry"}
            </button>
          )}
        </>
      )}
      {error && (
        <span role="alert" className="text-red-800">
          {error}
        </span>
      )}
    </div>
  );
}
