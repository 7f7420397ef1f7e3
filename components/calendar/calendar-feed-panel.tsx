"use client";

import { useState, useTransition } from "react";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "@/app/(app)/settings/calendar/actions";

/** Create (shown once), replace or revoke the signed-in person's calendar feed URL. */
export function CalendarFeedPanel({ since }: { since: string | null }) {
  const [active, setActive] = useState(since);
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();

  const create = () =>
    start(async () => {
      const r = await createCalendarFeedAction({});
      if (!r.ok) return setMessage({ kind: "error", text: r.error });
      setUrl(r.data.url);
      setActive(r.data.createdAt);
      setMessage({ kind: "ok", text: "Copy the URL now: it will not be shown again." });
    });
  const revoke = () =>
    start(async () => {
      const r = await revokeCalendarFeedAction({});
      if (!r.ok) return setMessage({ kind: "error", text: r.error });
      setUrl(null);
      setActive(null);
      setMessage({ kind: "ok", text: "Revoked: the URL now answers that the feed was revoked." });
    });

  return (
    <div className="space-y-3 text-sm" data-testid="calendar-feed">
      <p>
        {active
          ? `You have a feed URL, made ${active.slice(0, 16).replace("T", " ")} UTC.`
          : "You have no feed URL."}
      </p>
      {url && (
        <input
          readOnly
          aria-label="Calendar feed URL"
          className="w-full max-w-2xl rounded border border-slate-300 px-2 py-1 font-mono"
          value={url}
          onFocus={(e) => e.target.select()}
        />
      )}
      <div className="flex gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={create}
          className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-50"
        >
          {active ? "Replace feed URL" : "Create feed URL"}
        </button>
        {active && (
          <button
            type="button"
            disabled={pending}
            onClick={revoke}
            className="rounded border border-red-300 px-3 py-1 text-red-800 hover:bg-red-50 disabled:opacity-50"
          >
            Revoke
          </button>
        )}
      </div>
      {message && (
        <p role="status" className={message.kind === "error" ? "text-red-700" : "text-emerald-800"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
