"use client";

import type { ChannelPreview } from "@/lib/notify/preview-notification";
import { TargetScopeBadge } from "@/components/runs/notify/target-scope-badge";

const channelName = { email: "Email", slack: "Slack", statuspage: "Statuspage" } as const;

/** One channel's exact outgoing text, as the adapter will send it. */
export function AnnouncementPreview(props: {
  preview: ChannelPreview;
  canSend: boolean;
  pending: boolean;
  onSend: () => void;
}) {
  const { preview: p } = props;
  const c = p.composed;
  return (
    <div className="rounded border border-slate-200 bg-white p-3" data-testid={`preview-${p.channel}`}>
      <div className="flex flex-wrap items-baseline gap-2">
        <span className="font-medium">
          {channelName[p.channel]} · {p.target}
        </span>
        <TargetScopeBadge scope={p.targetScope} />
        <span className={`text-xs ${p.configured ? "text-slate-600" : "font-medium text-red-800"}`}>
          {p.destination}
        </span>
        {props.canSend && (
          <button
            type="button"
            className="ml-auto rounded border border-sky-400 px-2 py-0.5 text-xs text-sky-900 hover:bg-sky-50 disabled:opacity-50"
            disabled={props.pending || !p.configured || p.itemState !== "open"}
            onClick={props.onSend}
          >
            Send
          </button>
        )}
      </div>
      {p.itemState !== "open" && (
        <p className="mt-1 text-xs text-slate-600">This channel is already {p.itemState}.</p>
      )}
      {c.channel === "email" && (
        <div className="mt-2 text-sm">
          <p>
            <span className="text-slate-600">Subject:</span> {c.subject}
          </p>
          <pre className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 font-sans">{c.text}</pre>
        </div>
      )}
      {c.channel !== "email" && (
        <pre className="mt-2 overflow-x-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">
          {JSON.stringify(c.payload, null, 2)}
        </pre>
      )}
    </div>
  );
}
