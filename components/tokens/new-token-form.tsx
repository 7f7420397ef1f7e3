"use client";

import { useState } from "react";
import { createApiTokenAction } from "@/app/(app)/settings/tokens/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field } from "@/components/ui/field";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";

const EXPIRY_CHOICES = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: null, label: "Never" },
] as const;

type Created = Extract<Awaited<ReturnType<typeof createApiTokenAction>>, { ok: true }>["data"];

/** `scopes`: the permissions the signed-in user's role has, the only ones a token may get. */
export function NewTokenForm({ scopes }: { scopes: readonly string[] }) {
  const action = useServerAction();
  const [created, setCreated] = useState<Created | null>(null);
  const fieldError = action.fieldError;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const expiry = String(f.get("expiresInDays") ?? "");
    const input = {
      name: String(f.get("name") ?? ""),
      scopes: f.getAll("scopes").map(String),
      expiresInDays: expiry === "" ? null : Number(expiry),
    };
    setCreated(null);
    action.run(
      () => createApiTokenAction(input),
      (data) => {
        setCreated(data);
        // The action revalidates the page, so the list already shows the new token.
        form.reset();
      },
    );
  }

  if (scopes.length === 0) {
    return <p className="text-sm text-slate-600">Your role has no permissions a token could carry.</p>;
  }
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-end gap-4">
          <Field label="Name" error={fieldError("name")}>
            <input
              name="name"
              required
              maxLength={80}
              placeholder="e.g. deploy pipeline"
              className="mt-1 block w-64 max-w-full rounded border border-slate-400 px-2 py-1"
            />
          </Field>
          <Field label="Expires after">
            <select
              name="expiresInDays"
              defaultValue="90"
              className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1"
            >
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.label} value={c.days ?? ""}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <CheckboxGroup
          legend="Scopes"
          name="scopes"
          values={scopes}
          error={fieldError("scopes")}
          className="text-sm"
        />
        <Button type="submit" variant="primary" pending={action.pending} pendingLabel="Creating…">
          Create token
        </Button>
        <FormError error={action.error} />
      </form>
      {created && (
        <ShownOnceSecret
          message={`Token “${created.apiToken.name}” created. Copy it now: it will not be shown again, and it cannot be recovered.`}
          secret={created.token}
          testId="new-token"
          onDone={() => setCreated(null)}
        />
      )}
    </div>
  );
}
