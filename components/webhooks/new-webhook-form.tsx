"use client";

import { useState } from "react";
import { createWebhookEndpointAction } from "@/app/(app)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { CheckboxGroup } from "@/components/ui/checkbox-group";

type Created = Extract<Awaited<ReturnType<typeof createWebhookEndpointAction>>, { ok: true }>["data"];

export function NewWebhookForm({ events }: { events: readonly string[] }) {
  const action = useServerAction();
  const [created, setCreated] = useState<Created | null>(null);
  const fieldError = action.fieldError;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const input = {
      url: String(f.get("url") ?? ""),
      description: String(f.get("description") ?? ""),
      events: f.getAll("events").map(String),
    };
    setCreated(null);
    action.run(
      () => createWebhookEndpointAction(input),
      (data) => {
        setCreated(data);
        form.reset();
      },
    );
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <div className="flex flex-wrap items-end gap-4">
          <label className="block w-full sm:w-auto">
            <span className="font-medium">URL</span>
            <input
              name="url"
              type="url"
              required
              placeholder="https://ci.example.com/hooks/runsheet"
              className="mt-1 block w-full rounded border border-slate-400 px-2 py-1 sm:w-96"
            />
            {fieldError("url") && <span className="block text-red-700">{fieldError("url")}</span>}
          </label>
          <label className="block">
            <span className="font-medium">Description</span>
            <input
              name="description"
              maxLength={200}
              className="mt-1 block w-64 max-w-full rounded border border-slate-400 px-2 py-1"
            />
          </label>
        </div>
        <CheckboxGroup legend="Events" name="events" values={events} checked error={fieldError("events")} />
        <Button type="submit" variant="primary" pending={action.pending} pendingLabel="Adding…">
          Add endpoint
        </Button>
        <FormError error={action.error} />
      </form>
      {created && (
        <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium">
            Endpoint added. Its signing secret is shown this once; store it where the receiver can read it.
          </p>
          <code
            data-testid="new-webhook-secret"
            className="block rounded bg-white px-2 py-1 font-mono break-all"
          >
            {created.secret}
          </code>
          <button type="button" onClick={() => setCreated(null)} className="underline">
            I have stored it
          </button>
        </div>
      )}
    </div>
  );
}
