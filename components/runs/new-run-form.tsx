"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldDef } from "@/lib/templates/definition";
import { createRunAction } from "@/app/(app)/runs/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";

const inputType: Partial<Record<FieldDef["type"], string>> = { date: "date", datetime: "datetime-local" };

/** What a person types, as the field's type wants it: "v4.4" is the version 4.4. */
function normalise(f: FieldDef, raw: string) {
  const value = raw.trim();
  return f.type === "version" ? value.replace(/^v(?=\d)/i, "") : value;
}

/**
 * The start form, generated from the template's fields; every error stands beside its field.
 * An empty required field is caught here, in words that fit the control (a date picker has
 * no "YYYY-MM-DD" to follow); everything else is the server's validation.
 */
export function NewRunForm({
  templateSlug,
  fields,
  ackGroups = [],
  rehearsal = false,
  rehearsalOfVersion,
}: {
  templateSlug: string;
  fields: FieldDef[];
  ackGroups?: { key: string; name: string }[];
  /** The rehearsal box starts ticked ("Repeat as rehearsal"). */
  rehearsal?: boolean;
  /** A rehearsal of this version of the template rather than the latest: the box stays ticked. */
  rehearsalOfVersion?: number;
}) {
  const router = useRouter();
  const action = useServerAction();
  const [missing, setMissing] = useState<Record<string, string>>({});
  const fieldError = (key: string) =>
    missing[key] ?? action.fieldError(`fields.${key}`) ?? action.fieldError(key);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values = Object.fromEntries(
      fields.map((f) => [f.key, normalise(f, String(form.get(f.key) ?? ""))]),
    );
    const empty = Object.fromEntries(
      fields
        .filter((f) => f.required && !values[f.key])
        .map((f) => [f.key, f.type === "date" || f.type === "datetime" ? "Pick a date." : "Required."]),
    );
    setMissing(empty);
    if (Object.keys(empty).length > 0) return;
    const subscribers = Object.fromEntries(
      ackGroups.map((g) => [g.key, String(form.get(`subscribers.${g.key}`) ?? "")]),
    );
    const asRehearsal = rehearsalOfVersion !== undefined || form.get("rehearsal") === "on";
    action.run(
      () =>
        createRunAction({
          templateSlug,
          fields: values,
          subscribers,
          ...(asRehearsal ? { rehearsal: true } : {}),
          ...(rehearsalOfVersion !== undefined ? { templateVersion: rehearsalOfVersion } : {}),
        }),
      (data) => router.push(`/runs/${data.number}`),
    );
  }

  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-4" noValidate>
      {fields.map((f) => (
        <Field
          key={f.key}
          label={
            <>
              {f.label}
              {f.required && <span className="text-red-800"> *</span>}
            </>
          }
          hint={f.type === "version" ? "X.Y, e.g. 4.3 (a leading v is fine)" : undefined}
          error={fieldError(f.key)}
        >
          {f.options?.length ? (
            <select name={f.key} className={inputClass}>
              <option value="">—</option>
              {f.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          ) : (
            <input
              name={f.key}
              type={inputType[f.type] ?? "text"}
              placeholder={inputType[f.type] ? undefined : f.hint}
              className={`${inputClass} aria-[invalid=true]:border-red-700`}
            />
          )}
        </Field>
      ))}
      {ackGroups.length > 0 && (
        <fieldset className="space-y-3 rounded border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium">Who should acknowledge</legend>
          <p className="text-sm text-slate-600">
            Each person is emailed a personal link to acknowledge the run; people with an account can also
            acknowledge from the run page.
          </p>
          {ackGroups.map((g) => (
            <Field key={g.key} label={g.name} error={action.fieldError(`subscribers.${g.key}`)}>
              <input
                name={`subscribers.${g.key}`}
                type="text"
                placeholder="emails or @handles, comma-separated"
                className={`${inputClass} aria-[invalid=true]:border-red-700`}
              />
            </Field>
          ))}
        </fieldset>
      )}
      <RehearsalChoice
        checked={rehearsal || rehearsalOfVersion !== undefined}
        fixed={rehearsalOfVersion !== undefined}
        error={action.fieldError("rehearsal") ?? action.fieldError("templateVersion")}
      />
      <FormError error={action.error} />
      <Button type="submit" variant="primary" pending={action.pending} pendingLabel="Starting…">
        Start run
      </Button>
    </form>
  );
}

/** Whether the run is a rehearsal; fixed when a chosen template version is being rehearsed. */
function RehearsalChoice(props: { checked: boolean; fixed: boolean; error?: string }) {
  return (
    <Field
      label="Start as a rehearsal"
      hint="Announcements go to each target's test destination or are captured, AWS steps are dry runs or run in the sandbox; no production target is touched."
      error={props.error}
    >
      <input
        name="rehearsal"
        type="checkbox"
        defaultChecked={props.checked}
        disabled={props.fixed}
        className="h-4 w-4"
      />
    </Field>
  );
}
