"use client";

import { useState, useTransition } from "react";
import {
  saveIntegrationTargetAction,
  sendTestMessageAction,
} from "@/app/(app)/settings/integrations/actions";
import type { IntegrationTargetView } from "@/lib/notify/integration-targets";
import {
  TargetConfigInputs,
  TargetSecrets,
  targetConfigFrom,
} from "@/components/settings/integration-target-fields";

const channelName = { email: "Email list", slack: "Slack channel", statuspage: "Status page" } as const;

type Outcome = { kind: "ok" | "error"; text: string } | null;

/** One target: its configuration (editable), whether its secrets are set, and a test send. */
export function IntegrationTargetCard({ target }: { target: IntegrationTargetView }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const config = target.config ?? {};

  function onSave(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next = targetConfigFrom(target.channel, f);
    startTransition(async () => {
      const res = await saveIntegrationTargetAction({
        channel: target.channel,
        name: target.name,
        config: next,
      });
      setOutcome(res.ok ? { kind: "ok", text: "Saved." } : { kind: "error", text: res.error });
    });
  }

  function onTest() {
    startTransition(async () => {
      const res = await sendTestMessageAction({ channel: target.channel, name: target.name });
      if (!res.ok) setOutcome({ kind: "error", text: res.error });
      else if (res.data.ok) setOutcome({ kind: "ok", text: `Test sent: ${res.data.evidence}` });
      else setOutcome({ kind: "error", text: `Test failed: ${res.data.error}` });
    });
  }

  return (
    <li
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={`target-${target.channel}-${target.name}`}
    >
      <div className="flex flex-wrap items-baseline gap-2">
        <h3 className="font-semibold">
          {channelName[target.channel]} “{target.name}”
        </h3>
        <span className={`text-xs ${target.config ? "text-emerald-800" : "font-medium text-amber-800"}`}>
          {target.config
            ? "configured"
            : target.teamsWithOwn.length
              ? "no workspace default: only the teams named below can send to it"
              : "not configured: announcements to it cannot be sent"}
        </span>
      </div>
      <p className="text-xs text-slate-600" data-testid="target-scope-note">
        Workspace default target
        {target.teamsWithOwn.length > 0 && (
          <>
            ; these teams use their own instead:{" "}
            {target.teamsWithOwn.map((t, i) => (
              <span key={t.slug}>
                {i > 0 && ", "}
                <a className="underline" href={`/teams/${t.slug}/settings`}>
                  {t.name}
                </a>
              </span>
            ))}
          </>
        )}
      </p>
      {target.usedBy.length > 0 && (
        <p className="text-xs text-slate-600">Named in: {target.usedBy.join(", ")}</p>
      )}
      <form onSubmit={onSave} className="flex flex-wrap items-end gap-3 text-sm">
        <TargetConfigInputs channel={target.channel} config={config} />
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50"
        >
          Save
        </button>
        <button
          type="button"
          disabled={pending || !target.config}
          onClick={onTest}
          className="rounded border border-slate-300 px-3 py-1 disabled:opacity-50"
        >
          Send test message
        </button>
      </form>
      {target.channel === "statuspage" && (
        <p className="text-xs text-slate-600">A test opens a real incident on the page, already resolved.</p>
      )}
      <TargetSecrets secrets={target.secrets} />
      {outcome && (
        <p
          role={outcome.kind === "error" ? "alert" : "status"}
          className={outcome.kind === "error" ? "text-sm text-red-800" : "text-sm text-emerald-800"}
        >
          {outcome.text}
        </p>
      )}
    </li>
  );
}
