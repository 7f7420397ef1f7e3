"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { acceptInviteAction } from "@/app/invite/[token]/actions";

export function AcceptInviteForm({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (done)
    return (
      <p role="status">
        Your password is set.{" "}
        <Link href="/signin" className="text-blue-700 underline">
          Sign in
        </Link>
        .
      </p>
    );
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const password = String(new FormData(e.currentTarget).get("password") ?? "");
        startTransition(async () => {
          const res = await acceptInviteAction({ token, password });
          if (res.ok) setDone(true);
          else setError(res.error);
        });
      }}
    >
      <label className="block">
        <span className="text-sm font-medium">Password (at least 12 characters)</span>
        <input
          name="password"
          type="password"
          required
          minLength={12}
          autoComplete="new-password"
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-slate-900 px-3 py-2 font-medium text-white disabled:opacity-50"
      >
        Set password
      </button>
    </form>
  );
}
