"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FieldDef } from "@/lib/templates/definition";
import { createRunAction } from "@/app/(app)/runs/actions";

const inputType: Partial<Record<FieldDef["type"], string>> = { date: "date", datetime: "datetime-local" };

export function NewRunForm({
  templateSlug,
  fields,
  ackGroups = [],
}: {
  templateSlug: string;
  fields: FieldDef[];
  ackGroups?: { key: string; name: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values = Object.fromEntries(fields.map((f) => [f.key, String(form.get(f.key) ?? "")]));
    const subscribers = Object.fromEntries(
      ackGroups.map((g) => [g.key, String(form.get(`subscribers.${g.key}`) ?? "")]),
    );
    startTransition(async () => {
      const res = await createRunAction({ templateSlug, fields: values, subscribers });
      if (res.ok) {
        router.push(`/runs/${res.data.number}`);
        return;
      }
      setError(res.error);
      setFieldErrors(
        Object.fromEntries(
          Object.entries(res.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^fields\./, ""), v]),
        ),
      );
    });
  }

  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-4" noValidate>
      {fields.map((f) => (
        <label key={f.key} className="block">
          <span className="text-sm font-medium">
            {f.label}
            {f.required && <span className="text-red-700"> *</span>}
          </span>
          {f.options?.length ? (
            <select name={f.key} className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-2">
              <option value="">—</option>
              {f.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          ) : (
            <input
              name={f.key}
              type={inputType[f.type] ?? "text"}
              placeholder={f.hint}
              aria-invalid={!!fieldErrors[f.key]}
              className="mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
            />
          )}
          {fieldErrors[f.key]?.map((m) => (
            <span key={m} className="mt-1 block text-sm text-red-700">
              {m}
            </span>
          ))}
        </label>
      ))}
      {ackGroups.length > 0 && (
        <fieldset className="space-y-3 rounded border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium">Who should acknowledge</legend>
          <p className="text-sm text-slate-600">
            Each person is emailed a personal link to acknowledge the run; people with an account can also
            acknowledge from the run page.
          </p>
          {ackGroups.map((g) => {
            const key = `subscribers.${g.key}`;
            return (
              <label key={g.key} className="block">
                <span className="text-sm font-medium">{g.name}</span>
                <input
                  name={key}
                  type="text"
                  placeholder="emails or @handles, comma-separated"
                  aria-invalid={!!fieldErrors[key]}
                  className="mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
                />
                {fieldErrors[key]?.map((m) => (
                  <span key={m} className="mt-1 block text-sm text-red-700">
                    {m}
                  </span>
                ))}
              </label>
            );
          })}
        </fieldset>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-slate-900 px-4 py-2 font-medium text-white disabled:opacity-50"
      >
        {pending ? "Starting…" : "Start run"}
      </button>
    </form>
  );
}
