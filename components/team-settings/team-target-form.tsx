"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveTeamTargetAction } from "@/app/(app)/teams/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { targetConfigFrom } from "@/components/settings/integration-target-fields";
import type { TeamTargetView } from "@/lib/team-settings/get-team-settings";

type Channel = TeamTargetView["channel"];
export type TargetDraft = { channel: Channel; name: string; config: Record<string, unknown> };

const str = (v: unknown) => (Array.isArray(v) ? v.join(", ") : typeof v === "string" ? v : "");

/**
 * Sets the team's own target for a channel name (new, or replacing the one it has): the
 * same configuration a workspace target has, kept for this team's runs only.
 */
export function TeamTargetForm({
  team,
  names,
  draft,
}: {
  team: string;
  /** The channel names the team's templates use, offered as suggestions. */
  names: string[];
  draft: TargetDraft | null;
}) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useServerAction();
  const [channel, setChannel] = useState<Channel>(draft?.channel ?? "slack");
  const [saved, setSaved] = useState(false);
  const c = draft?.channel === channel ? draft.config : {};
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      data-testid="team-target-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const data = {
          team,
          channel,
          name: String(f.get("name") ?? ""),
          config: targetConfigFrom(channel, f),
        };
        setSaved(false);
        run(
          () => saveTeamTargetAction(data),
          () => {
            setSaved(true);
            router.refresh();
          },
        );
      }}
    >
      <Field label="Channel" error={fieldError("channel")}>
        <select
          className={inputClass}
          value={channel}
          onChange={(e) => setChannel(e.target.value as Channel)}
        >
          <option value="slack">Slack channel</option>
          <option value="email">Email list</option>
          <option value="statuspage">Status page</option>
        </select>
      </Field>
      <Field label="Name, as the templates write it" error={fieldError("name")}>
        <input name="name" list="team-target-names" defaultValue={draft?.name ?? ""} className={inputClass} />
      </Field>
      <datalist id="team-target-names">
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {channel === "slack" && (
        <Field label="Webhook URL from the environment variable" error={fieldError("webhookEnv")}>
          <input
            name="webhookEnv"
            defaultValue={str(c.webhookEnv)}
            placeholder="SLACK_WEBHOOK_PAYMENTS"
            className={`${inputClass} font-mono`}
          />
        </Field>
      )}
      {channel === "email" && (
        <Field label="Addresses (one per line)" error={fieldError("addresses")}>
          <textarea name="addresses" rows={3} defaultValue={str(c.addresses)} className={inputClass} />
        </Field>
      )}
      {channel === "statuspage" && (
        <>
          <Field label="Page id" error={fieldError("pageId")}>
            <input name="pageId" defaultValue={str(c.pageId)} className={`${inputClass} font-mono`} />
          </Field>
          <Field label="Incident status while the change runs" error={fieldError("incidentStatus")}>
            <select
              name="incidentStatus"
              defaultValue={str(c.incidentStatus) || "identified"}
              className={inputClass}
            >
              <option value="investigating">investigating</option>
              <option value="identified">identified</option>
              <option value="monitoring">monitoring</option>
            </select>
          </Field>
        </>
      )}
      <TestDestinationField channel={channel} config={c} error={fieldError} />
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="primary" pending={pending} pendingLabel="Saving…">
          Save team target
        </Button>
        {saved && !error && (
          <p role="status" className="text-sm text-emerald-800">
            Saved. This team&apos;s runs now use it.
          </p>
        )}
        <FormError error={error} />
      </div>
    </form>
  );
}

const testKey = { email: "testAddresses", slack: "testWebhookEnv", statuspage: "testPageId" } as const;

function TestDestinationField(props: {
  channel: Channel;
  config: Record<string, unknown>;
  error: (key: string) => string | undefined;
}) {
  const key = testKey[props.channel];
  return (
    <Field
      label="Rehearsal test destination (optional)"
      hint="Blank: a rehearsal's messages to this target are captured, not sent."
      error={props.error(key)}
    >
      <input name={key} defaultValue={str(props.config[key])} className={`${inputClass} font-mono`} />
    </Field>
  );
}
