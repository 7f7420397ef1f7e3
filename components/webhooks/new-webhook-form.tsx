"use client";

import { useState } from "react";
import { createWebhookEndpointAction } from "@/app/(app)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";

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
          <Field label="URL" error={fieldError("url")} className="w-full sm:w-auto">
            <input
              name="url"
              type="url"
              required
              placeholder="https://ci.example.com/hooks/runsheet"
              className="mt-1 block w-full rounded border border-slate-400 px-2 py-1 sm:w-96"
            />
          </Field>
          <Field label="Description">
            <input
              name="description"
              maxLength={200}
              className="mt-1 block w-64 max-w-full rounded border border-slate-400 px-2 py-1"
            />
          </Field>
        </div>
        <CheckboxGroup legend="Events" name="events" values={events} checked error={fieldError("events")} />
        <Button type="submit" variant="primary" pending={action.pending} pendingLabel="Adding…">
          Add endpoint
        </Button>
        <FormError error={action.error} />
      </form>
      {created && (
        <ShownOnceSecret
          message="Endpoint added. Its signing secret is shown this once; store it where the receiver can read it."
          secret={created.secret}
          testId="new-webhook-secret"
          onDone={() => setCreated(null)}
        />
      )}
    </div>
  );
}
