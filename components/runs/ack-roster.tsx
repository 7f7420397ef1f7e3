"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/run-action";
import type { AckGroupView, AckRequestResult, AckRosterView, AckSubscriberView } from "@/lib/acks/ack-view";
import {
  acknowledgeSubscriptionAction,
  addSubscriberAction,
  removeSubscriberAction,
  sendAckRemindersAction,
  subscriberLinkAction,
} from "@/app/(app)/runs/ack-actions";
import { LocalTime } from "@/components/ui/local-time";
import { useAckRoster } from "@/components/runs/use-ack-roster";
import { CopiedList } from "@/components/subscriptions/copied-list";

type Notice = { kind: "ok" | "error"; text: string };

function mailNotice(mail: AckRequestResult, what: string): Notice {
  if (mail.requested === 0) return { kind: "ok", text: `No ${what} to send: everyone has acknowledged.` };
  if (!mail.failed.length)
    return { kind: "ok", text: `Sent ${mail.sent} ${what}${mail.sent === 1 ? "" : "s"}.` };
  const reasons = [...new Set(mail.failed.map((f) => f.error))].join("; ");
  return {
    kind: "error",
    text: `Sent ${mail.sent} of ${mail.requested} ${what}s; not sent to ${mail.failed.map((f) => f.name).join(", ")}: ${reasons}.`,
  };
}

/**
 * Who is asked to acknowledge the run and who has, by group. Operators add and remove
 * people, pass links on by hand and send reminders; a signed-in subscriber acknowledges
 * their own row.
 */
export function AckRoster({ initial }: { initial: AckRosterView }) {
  const { roster, refresh } = useAckRoster(initial);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [links, setLinks] = useState<Record<string, { url: string; copied: boolean }>>({});
  const [pending, startTransition] = useTransition();
  const open = roster.status === "open";
  const manage = roster.canManage && open;
  const everyone = roster.groups.flatMap((g) => g.subscribers);
  const done = everyone.filter((s) => s.acknowledgedAt).length;

  /** Runs an action, shows its outcome, and reloads the roster either way. */
  function act<T>(call: () => Promise<ActionResult<T>>, onOk: (data: T) => Notice | null) {
    startTransition(async () => {
      const res = await call();
      setNotice(res.ok ? onOk(res.data) : { kind: "error", text: errorText(res) });
      await refresh();
    });
  }

  async function copyLink(s: AckSubscriberView) {
    const res = await subscriberLinkAction({ runId: roster.runId, subscriberId: s.id });
    if (!res.ok) return setNotice({ kind: "error", text: res.error });
    const copied = await navigator.clipboard?.writeText(res.data.url).then(
      () => true,
      () => false,
    );
    setLinks((l) => ({ ...l, [s.id]: { url: res.data.url, copied: !!copied } }));
  }

  // A checklist without acknowledgement groups (a child run) has nothing to show here.
  if (roster.groups.length === 0) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="ack-roster">
      <header className="flex flex-wrap items-baseline gap-3 border-b border-slate-100 px-4 py-3">
        <h2 className="font-semibold">Acknowledgements</h2>
        <span className="text-sm text-slate-600" data-testid="ack-progress">
          {done} of {everyone.length} acknowledged
        </span>
        {manage && (
          <button
            type="button"
            disabled={pending || done === everyone.length}
            onClick={() =>
              act(
                () => sendAckRemindersAction({ runId: roster.runId }),
                (mail) => mailNotice(mail, "reminder"),
              )
            }
            className="ml-auto rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
          >
            Send reminders to those who have not acknowledged
          </button>
        )}
      </header>
      <div className="space-y-4 px-4 py-3 text-sm">
        {manage && !roster.mailConfigured && (
          <p className="rounded border border-amber-300 bg-amber-50 p-2" data-testid="mail-not-configured">
            Email is not set up (SMTP_URL is unset), so nobody is emailed. Use “Copy link” to pass each person
            their link yourself.
          </p>
        )}
        {manage && (
          <p className="text-slate-600">
            Each email or reminder carries a new personal link. Copy a new link (the previous link stops
            working): only a fingerprint of each link is kept, so an old one cannot be shown again.
          </p>
        )}
        {notice && (
          <p role="alert" className={notice.kind === "error" ? "text-red-700" : "text-emerald-800"}>
            {notice.text}
          </p>
        )}
        {roster.groups.map((g) => (
          <AckGroup
            key={g.key}
            group={g}
            manage={manage}
            canManage={roster.canManage}
            open={open}
            pending={pending}
            links={links}
            onAdd={(who, done) =>
              act(
                () => addSubscriberAction({ runId: roster.runId, groupKey: g.key, who }),
                ({ added, mail }) => {
                  done();
                  const sent = mail.requested ? ` ${mailNotice(mail, "email").text}` : "";
                  return { kind: mail.failed.length ? "error" : "ok", text: `Added ${added}.${sent}` };
                },
              )
            }
            onRemove={(s) =>
              act(
                () => removeSubscriberAction({ runId: roster.runId, subscriberId: s.id }),
                () => ({ kind: "ok", text: `Removed ${s.name}; their link no longer works.` }),
              )
            }
            onCopyLink={(s) => startTransition(() => copyLink(s))}
            onAcknowledge={(s) =>
              act(
                () => acknowledgeSubscriptionAction({ runId: roster.runId, subscriberId: s.id }),
                () => null,
              )
            }
          />
        ))}
        <CopiedList roster={roster} />
      </div>
    </section>
  );
}

function errorText(res: Extract<ActionResult<unknown>, { ok: false }>) {
  const details = Object.values(res.fieldErrors ?? {}).flat();
  return details.length ? details.join(" ") : res.error;
}

function AckGroup(props: {
  group: AckGroupView;
  manage: boolean;
  canManage: boolean;
  open: boolean;
  pending: boolean;
  links: Record<string, { url: string; copied: boolean }>;
  onAdd: (who: string, done: () => void) => void;
  onRemove: (s: AckSubscriberView) => void;
  onCopyLink: (s: AckSubscriberView) => void;
  onAcknowledge: (s: AckSubscriberView) => void;
}) {
  const { group, manage } = props;
  const [who, setWho] = useState("");
  return (
    <div data-testid={`ack-group-${group.key}`}>
      <h3 className="font-medium">{group.name}</h3>
      {group.subscribers.length === 0 && <p className="text-slate-600">Nobody yet.</p>}
      <ul className="divide-y divide-slate-100">
        {group.subscribers.map((s) => (
          <li
            key={s.id}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2"
            data-testid="ack-row"
            data-subscriber={s.id}
          >
            <span className="font-medium">
              {s.name}
              {s.handle && <span className="font-normal text-slate-600"> @{s.handle}</span>}
            </span>
            {s.email && <span className="text-slate-600">{s.email}</span>}
            <span data-testid="ack-state">
              {s.acknowledgedAt ? (
                <span className="text-emerald-800" data-testid="ack-at">
                  Acknowledged <LocalTime iso={s.acknowledgedAt} withSeconds />
                  {s.acknowledgedVia === "link" ? " by link" : " signed in"}
                </span>
              ) : (
                <span className="text-slate-600">not yet</span>
              )}
            </span>
            <NotifyState s={s} showError={props.canManage} />
            <span className="ml-auto flex gap-2">
              {s.mine && props.open && !s.acknowledgedAt && (
                <button
                  type="button"
                  disabled={props.pending}
                  onClick={() => props.onAcknowledge(s)}
                  className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50"
                >
                  Acknowledge
                </button>
              )}
              {manage && (
                <>
                  <button
                    type="button"
                    disabled={props.pending}
                    onClick={() => props.onCopyLink(s)}
                    title="Copy a new link (the previous link stops working)"
                    className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50 disabled:opacity-50"
                  >
                    Copy link
                  </button>
                  <button
                    type="button"
                    disabled={props.pending}
                    onClick={() => props.onRemove(s)}
                    className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50 disabled:opacity-50"
                  >
                    Remove
                  </button>
                </>
              )}
            </span>
            {props.links[s.id] && (
              <span className="flex w-full flex-wrap items-center gap-2 text-slate-600">
                <input
                  readOnly
                  value={props.links[s.id]!.url}
                  aria-label={`New link for ${s.name}`}
                  onFocus={(e) => e.currentTarget.select()}
                  className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-0.5 font-mono text-xs"
                />
                {props.links[s.id]!.copied ? "Copied." : "Copy it from here."} The previous link stops
                working.
              </span>
            )}
          </li>
        ))}
      </ul>
      {manage && (
        <form
          className="mt-2 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (who.trim()) props.onAdd(who, () => setWho(""));
          }}
        >
          <input
            value={who}
            onChange={(e) => setWho(e.target.value)}
            aria-label={`Add to ${group.name}`}
            placeholder="emails or @handles, comma-separated"
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1"
          />
          <button
            type="submit"
            disabled={props.pending}
            className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50"
          >
            Add
          </button>
        </form>
      )}
    </div>
  );
}

function NotifyState({ s, showError }: { s: AckSubscriberView; showError: boolean }) {
  // Once someone has acknowledged, how their email fared no longer matters.
  if (s.notifyError && s.acknowledgedAt) return null;
  if (s.notifyError)
    return (
      <span className="text-red-800" data-testid="notify-state">
        {showError ? `Email not sent: ${s.notifyError}` : "Email not sent"}
      </span>
    );
  if (s.notifiedAt)
    return (
      <span className="text-slate-600" data-testid="notify-state">
        emailed <LocalTime iso={s.notifiedAt} />
      </span>
    );
  return (
    <span className="text-slate-600" data-testid="notify-state">
      not emailed yet
    </span>
  );
}
