"use client";

import { useState } from "react";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { changeUserAction } from "@/app/(app)/admin/users/actions";
import { LocalTime } from "@/components/ui/local-time";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useServerAction } from "@/components/ui/use-server-action";

type UserRowData = {
  id: string;
  name: string;
  email: string;
  handle: string;
  role: string;
  active: boolean;
  inviteExpiresAt: string | null;
};

type Change = { role: RoleName } | { active: boolean };

/** A role change and a deactivation end the person's sessions: both are confirmed first, then reported. */
export function UserRow({ user, isSelf }: { user: UserRowData; isSelf: boolean }) {
  const action = useServerAction();
  const toast = useToast();
  const [asked, setAsked] = useState<Change | null>(null);
  const apply = (change: Change) =>
    action.run(
      () => changeUserAction({ userId: user.id, ...change }),
      () => {
        setAsked(null);
        toast({
          tone: "success",
          message:
            "role" in change
              ? `${user.name} is now ${change.role}; their sessions were ended.`
              : change.active
                ? `${user.name} can sign in again.`
                : `${user.name} was deactivated and signed out everywhere.`,
        });
      },
    );
  return (
    <tr className="border-t border-slate-100" data-testid={`user-${user.handle}`}>
      <td className="px-3 py-2">
        {user.name} <span className="text-slate-600">@{user.handle}</span>
      </td>
      <td className="px-3 py-2 break-all">{user.email}</td>
      <td className="px-3 py-2">
        <select
          aria-label={`Role of ${user.name}`}
          value={asked && "role" in asked ? asked.role : user.role}
          disabled={action.pending}
          onChange={(e) => setAsked({ role: e.target.value as RoleName })}
          className="min-h-6 rounded border border-slate-400 bg-white px-2 py-1"
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
        {action.error && !asked && (
          <span role="alert" className="ml-2 text-red-800">
            {action.error}
          </span>
        )}
      </td>
      <td className="px-3 py-2 text-right">
        {!isSelf && (
          <Button
            variant={user.active ? "danger" : "secondary"}
            size="sm"
            pending={action.pending}
            onClick={() => (user.active ? setAsked({ active: false }) : apply({ active: true }))}
          >
            {user.active ? "Deactivate" : "Reactivate"}
          </Button>
        )}
        <ConfirmDialog
          open={asked !== null}
          onClose={() => {
            setAsked(null);
            action.clearError();
          }}
          onConfirm={() => asked && apply(asked)}
          pending={action.pending}
          error={action.error}
          title={
            asked && "role" in asked
              ? `Change ${user.name}'s role to ${asked.role}?`
              : `Deactivate ${user.name}?`
          }
          confirmLabel={asked && "role" in asked ? "Change role" : "Deactivate account"}
          confirmText={asked && "active" in asked ? user.handle : undefined}
        >
          {asked && "role" in asked
            ? `Their sessions end at once, API tokens act with the new role, and they sign in again to continue.`
            : `They are signed out everywhere, their API tokens stop working, and they cannot sign in until reactivated.`}
        </ConfirmDialog>
      </td>
    </tr>
  );
}
