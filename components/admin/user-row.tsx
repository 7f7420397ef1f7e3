"use client";

import { useState, useTransition } from "react";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { changeUserAction } from "@/app/(app)/admin/users/actions";
import { LocalTime } from "@/components/ui/local-time";

type UserRowData = {
  id: string;
  name: string;
  email: string;
  handle: string;
  role: string;
  active: boolean;
  inviteExpiresAt: string | null;
};

export function UserRow({ user, isSelf }: { user: UserRowData; isSelf: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const change = (patch: { role?: RoleName; active?: boolean }) =>
    startTransition(async () => {
      const res = await changeUserAction({ userId: user.id, ...patch });
      setError(res.ok ? null : res.error);
    });
  return (
    <tr className="border-t border-slate-100" data-testid={`user-${user.handle}`}>
      <td className="px-3 py-2">
        {user.name} <span className="text-slate-600">@{user.handle}</span>
      </td>
      <td className="px-3 py-2">{user.email}</td>
      <td className="px-3 py-2">
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          disabled={pending}
          onChange={(e) => change({ role: e.target.value as RoleName })}
          className="rounded border border-slate-300 bg-white px-2 py-1"
        >
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td className="px-3 py-2">
        {!user.active ? (
          "deactivated"
        ) : user.inviteExpiresAt ? (
          <>
            invited, link expires <LocalTime iso={user.inviteExpiresAt} />
          </>
        ) : (
          "active"
        )}
        {error && (
          <span role="alert" className="ml-2 text-red-700">
            {error}
          </span>
        )}
      </td>
      <td className="px-3 py-2 text-right">
        {!isSelf && (
          <button
            type="button"
            disabled={pending}
            className="underline"
            onClick={() => change({ active: !user.active })}
          >
            {user.active ? "Deactivate" : "Reactivate"}
          </button>
        )}
      </td>
    </tr>
  );
}
