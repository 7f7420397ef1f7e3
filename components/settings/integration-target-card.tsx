"use client";

import { useState, useTransition } from "react";
import {
  saveIntegrationTargetAction,
  sendTestMessageAction,
} from "@/app/(app)/settings/integrations/actions";
import type { IntegrationTargetView } from "@/lib/notify/integration-targets";

const channelName = { email: "Email list", slack: "Slack channel", statuspage: "Status page" } as const;

/** Where a rehearsal's announcements to this target go; blank: they are captured, not sent. */
const testKey = { email: "testAddresses", slack: "testWebhookEnv", statuspage: "testPageId" } as const;
const testHint = {
  email: "rehearsal@example.com",
  slack: "SLACK_WEBHOOK_REHEARSAL",
  statuspage: "test page id",
} as const;

type Outcome = { kind: "ok" | "error"; text: string } | null;

/** One target: its configuration (editable), whether its secrets are set, and a test send. */
export function IntegrationTargetCard({ target }: { target: IntegrationTargetView }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const config = target.config ?? {};
  const str = (k: string) => (typeof config[k] === "string" ? (config[k] as string) : "");

  function onSave(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const value = (k: string) => String(f.get(k) ?? "").trim();
    const list = (k: string) =>
      value(k)
        .split(/[\s,;]+/)
        .filter(Boolean);
    // A rehearsal's test destination, left out when blank: rehearsals then capture instead of sending.
    const optional = (key: string, v: string | string[]) => (v.length ? { [key]: v } : {});
    const next =
      target.channel === "email"
        ? { addresses: list("addresses"), ...optional("testAddresses", list("testAddresses")) }
        : target.channel === "slack"
          ? { webhookEnv: value("webhookEnv"), ...optional("testWebhookEnv", value("testWebhookEnv")) }
          : {
              pageId: value("pageId"),
              incidentStatus: value("incidentStatus"),
              ...optional("testPageId", value("testPageId")),
            };
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
          {target.config ? "configured" : "not configured: announcements to it cannot be sent"}
        </span>
      </div>
      {target.usedBy.length > 0 && (
        <p className="text-xs text-slate-600">Named in: {target.usedBy.join(", ")}</p>
      )}
      <form onSubmit={onSave} className="flex flex-wrap items-end gap-3 text-sm">
        {target.channel === "email" && (
          <label className="block min-w-80 flex-1">
            <span className="font-medium">Addresses (one per line)</span>
            <textarea
              name="addresses"
              rows={3}
              defaultValue={Array.isArray(config.addresses) ? (config.addresses as string[]).join("\n") : ""}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
            />
          </label>
        )}
        {target.channel === "slack" && (
          <label className="block">
            <span className="font-medium">Webhook URL from the environment variable</span>
            <input
              name="webhookEnv"
              defaultValue={str("webhookEnv")}
              placeholder="SLACK_WEBHOOK_ANDROMEDA"
              className="mt-1 block w-72 rounded border border-slate-300 px-2 py-1 font-mono"
            />
          </label>
        )}
        {target.channel === "statuspage" && (
          <>
            <label className="block">
              <span className="font-medium">Page id</span>
              <input
                name="pageId"
                defaultValue={str("pageId")}
                className="mt-1 block w-48 rounded border border-slate-300 px-2 py-1 font-mono"
              />
            </label>
            <label className="block">
              <span className="font-medium">Incident status while the change runs</span>
              <select
                name="incidentStatus"
                defaultValue={str("incidentStatus") || "identified"}
                className="mt-1 block rounded border border-slate-300 px-2 py-1"
              >
                <option value="investigating">investigating</option>
                <option value="identified">identified</option>
                <option value="monitoring">monitoring</option>
              </select>
            </label>
          </>
        )}
        <TestDestinationInput channel={target.channel} config={config} />
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
      <ul className="flex flex-wrap gap-3 text-xs">
        {target.secrets.map((s) => (
          <li key={s.name} data-testid={`secret-${s.name}`}>
            <code>{s.name}</code>{" "}
            {s.present ? (
              <span className="text-emerald-800">is set</span>
            ) : (
              <span className="font-medium text-red-800">is not set on the server</span>
            )}
          </li>
        ))}
      </ul>
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

function TestDestinationInput(props: {
  channel: IntegrationTargetView["channel"];
  config: Record<string, unknown>;
}) {
  const key = testKey[props.channel];
  const saved = props.config[key];
  return (
    <label className="block">
      <span className="font-medium">Rehearsal test destination (optional)</span>
      <input
        name={key}
        defaultValue={Array.isArray(saved) ? saved.join(", ") : typeof saved === "string" ? saved : ""}
        placeholder={testHint[props.channel]}
        className="mt-1 block w-72 rounded border border-slate-300 px-2 py-1 font-mono"
      />
    </label>
  );
}
