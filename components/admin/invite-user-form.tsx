"use client";

import { useState, useTransition } from "react";
import { ROLES } from "@/lib/auth/permissions";
import { inviteUserAction } from "@/app/(app)/admin/users/actions";

export function InviteUserForm() {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Awaited<ReturnType<typeof inviteUserAction>> | null>(null);
  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const input = Object.fromEntries(
            ["email", "name", "handle", "role"].map((k) => [k, String(f.get(k) ?? "")]),
          );
          startTransition(async () => setResult(await inviteUserAction(input)));
        }}
      >
        {(["name", "email", "handle"] as const).map((k) => (
          <label key={k} className="block text-sm">
            <span className="capitalize">{k}</span>
            <input name={k} required className="mt-1 block rounded border border-slate-300 px-2 py-1" />
            {result?.ok === false && result.fieldErrors?.[k] && (
              <span className="block text-red-700">{result.fieldErrors[k]!.join(", ")}</span>
            )}
          </label>
        ))}
        <label className="block text-sm">
          Role
          <select
            name="role"
            defaultValue="operator"
            className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1"
          >
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-3 py-1.5 text-white disabled:opacity-50"
        >
          Invite
        </button>
      </form>
      {result?.ok === true && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          Send this link to {result.data.email} (valid for 7 days, shown once):{" "}
          <code className="break-all" data-testid="invite-link">
            {result.data.link}
          </code>
        </p>
      )}
      {result?.ok === false && (
        <p role="alert" className="text-sm text-red-700">
          {result.error}
        </p>
      )}
    </div>
  );
}
