"use client";

import { useState, useTransition } from "react";
import { revokeApiTokenAction } from "@/app/(app)/settings/tokens/actions";
import type { ApiTokenView } from "@/lib/tokens/token-view";
import { LocalTime } from "@/components/ui/local-time";

export function TokenList({ tokens, showOwner }: { tokens: ApiTokenView[]; showOwner: boolean }) {
  if (tokens.length === 0) return <p className="text-sm text-slate-600">No tokens yet.</p>;
  return (
    <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">Name</th>
            {showOwner && <th className="px-3 py-2">Owner</th>}
            <th className="px-3 py-2">Scopes</th>
            <th className="px-3 py-2">Created</th>
            <th className="px-3 py-2">Last used</th>
            <th className="px-3 py-2">Expires</th>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <TokenRow key={t.id} token={t} showOwner={showOwner} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ token: t, showOwner }: { token: ApiTokenView; showOwner: boolean }) {
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoke = () =>
    startTransition(async () => {
      const res = await revokeApiTokenAction({ id: t.id });
      setError(res.ok ? null : res.error);
      setConfirming(false);
    });
  return (
    <tr className="border-t border-slate-100 align-top" data-testid={`token-${t.id}`}>
      <td className="px-3 py-2">
        <div className="font-medium">{t.name}</div>
        <code className="text-xs text-slate-600">{t.prefix}</code>
      </td>
      {showOwner && (
        <td className="px-3 py-2">
          {t.owner.name} <span className="text-slate-600">@{t.owner.handle}</span>
        </td>
      )}
      <td className="px-3 py-2">
        {t.scopes.map((s) => (
          <code key={s} className="mr-1 inline-block rounded bg-slate-100 px-1">
            {s}
          </code>
        ))}
      </td>
      <td className="px-3 py-2">
        <LocalTime iso={t.createdAt} />
      </td>
      <td className="px-3 py-2" data-testid="token-last-used">
        {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} /> : "never"}
      </td>
      <td className="px-3 py-2">{t.expiresAt ? <LocalTime iso={t.expiresAt} /> : "never"}</td>
      <td className="px-3 py-2" data-testid="token-status">
        {t.status}
      </td>
      <td className="px-3 py-2 text-right whitespace-nowrap">
        {t.status === "active" &&
          (confirming ? (
            <>
              <button
                type="button"
                disabled={pending}
                onClick={revoke}
                className="rounded bg-red-700 px-2 py-1 text-white disabled:opacity-50"
              >
                Yes, revoke
              </button>{" "}
              <button type="button" onClick={() => setConfirming(false)} className="underline">
                Cancel
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => setConfirming(true)}
              aria-label={`Revoke ${t.name}`}
              className="underline"
            >
              Revoke
            </button>
          ))}
        {error && (
          <span role="alert" className="block text-red-700">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}
