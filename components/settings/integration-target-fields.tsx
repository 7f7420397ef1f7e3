"use client";

import type { IntegrationTargetView } from "@/lib/notify/integration-targets";

type Channel = IntegrationTargetView["channel"];

/** Where a rehearsal's announcements to this target go; blank: they are captured, not sent. */
const testKey = { email: "testAddresses", slack: "testWebhookEnv", statuspage: "testPageId" } as const;
const testHint = {
  email: "rehearsal@example.com",
  slack: "SLACK_WEBHOOK_REHEARSAL",
  statuspage: "test page id",
} as const;

/** A target's configuration as its form sends it: lists split, a blank test destination left out. */
export function targetConfigFrom(channel: Channel, f: FormData) {
  const value = (k: string) => String(f.get(k) ?? "").trim();
  const list = (k: string) =>
    value(k)
      .split(/[\s,;]+/)
      .filter(Boolean);
  // A rehearsal's test destination, left out when blank: rehearsals then capture instead of sending.
  const optional = (key: string, v: string | string[]) => (v.length ? { [key]: v } : {});
  return channel === "email"
    ? { addresses: list("addresses"), ...optional("testAddresses", list("testAddresses")) }
    : channel === "slack"
      ? { webhookEnv: value("webhookEnv"), ...optional("testWebhookEnv", value("testWebhookEnv")) }
      : {
          pageId: value("pageId"),
          incidentStatus: value("incidentStatus"),
          ...optional("testPageId", value("testPageId")),
        };
}

/** The inputs of a channel's configuration, filled with what is saved, and its test destination. */
export function TargetConfigInputs({
  channel,
  config,
}: {
  channel: Channel;
  config: Record<string, unknown>;
}) {
  const str = (k: string) => (typeof config[k] === "string" ? (config[k] as string) : "");
  return (
    <>
      {channel === "email" && (
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
      {channel === "slack" && (
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
      {channel === "statuspage" && (
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

      <TestDestinationInput channel={channel} config={config} />
    </>
  );
}

/** Whether each secret the target needs is set on the server; never the secret itself. */
export function TargetSecrets({ secrets }: { secrets: IntegrationTargetView["secrets"] }) {
  return (
    <ul className="flex flex-wrap gap-3 text-xs">
      {secrets.map((s) => (
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
