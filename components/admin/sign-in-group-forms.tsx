"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { TEAM_ROLES } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { mapSignInGroupAction, unmapSignInGroupAction } from "@/app/(app)/admin/sign-in-groups/actions";

// max-w-full with the fields' min-w-0: a select as wide as its longest name still fits a phone.
const input = "mt-1 block max-w-full rounded border border-slate-300 bg-white px-2 py-1";

/** Maps a group to a role in a team, or changes the role an existing mapping gives. */
export function MapSignInGroupForm({ teams }: { teams: string[] }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useServerAction();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const data = {
          group: String(f.get("group") ?? ""),
          team: String(f.get("team") ?? ""),
          role: String(f.get("role") ?? ""),
        };
        run(
          () => mapSignInGroupAction(data),
          () => router.refresh(),
        );
      }}
    >
      <Field
        className="min-w-0 max-w-full"
        label="Group"
        hint="as the provider lists it"
        error={fieldError("group")}
      >
        <input name="group" required className={input} />
      </Field>
      <Field className="min-w-0 max-w-full" label="Team" hint="its slug" error={fieldError("team")}>
        <input name="team" required list="sign-in-group-teams" className={input} />
      </Field>
      <datalist id="sign-in-group-teams">
        {teams.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <Field className="min-w-0 max-w-full" label="Role in the team" error={fieldError("role")}>
        <select name="role" defaultValue="operator" className={input}>
          {TEAM_ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        Map group
      </Button>
      <FormError error={error} />
    </form>
  );
}

type Mapping = { id: string; group: string; team: string; teamName: string; role: string };

/** One mapping, with its removal behind a confirmation. */
export function SignInGroupRow({ mapping: m }: { mapping: Mapping }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useServerAction();
  return (
    <tr className="border-t border-slate-100" data-testid={`sign-in-group-${m.group}-${m.team}`}>
      <td className="py-1 font-mono">{m.group}</td>
      <td className="py-1">
        {m.teamName} <span className="text-slate-600">({m.team})</span>
      </td>
      <td className="py-1">{m.role}</td>
      <td className="py-1 text-right">
        <Button onClick={() => setConfirming(true)}>Remove</Button>
        <ConfirmDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title={`Remove the mapping of ${m.group}?`}
          confirmLabel="Remove mapping"
          pending={pending}
          error={error}
          onConfirm={() =>
            run(
              () => unmapSignInGroupAction({ id: m.id }),
              () => {
                setConfirming(false);
                router.refresh();
              },
            )
          }
        >
          People who hold the {m.role} role in {m.teamName} through this group lose it at their next request.
        </ConfirmDialog>
      </td>
    </tr>
  );
}
