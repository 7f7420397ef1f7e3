"use client";

import { useRouter } from "next/navigation";
import { TEAM_ROLES } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { createTeamAction, setTeamRoleAction } from "@/app/(app)/admin/teams/actions";

// max-w-full with the fields' min-w-0: a select as wide as its longest name still fits a phone.
const input = "mt-1 block max-w-full rounded border border-slate-300 bg-white px-2 py-1";

export function CreateTeamForm() {
  const router = useRouter();
  const { run, pending, error, fieldError } = useServerAction();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const data = { name: String(f.get("name") ?? ""), slug: String(f.get("slug") ?? "") };
        run(
          () => createTeamAction(data),
          () => router.refresh(),
        );
      }}
    >
      <Field className="min-w-0 max-w-full" label="Name" error={fieldError("name")}>
        <input name="name" required className={input} />
      </Field>
      <Field
        className="min-w-0 max-w-full"
        label="Slug"
        hint="in addresses, e.g. payments"
        error={fieldError("slug")}
      >
        <input name="slug" required className={input} />
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        Create team
      </Button>
      <FormError error={error} />
    </form>
  );
}

/** Gives a person a role in a team, changes it, or removes them from the team. */
export function SetTeamRoleForm({
  teams,
  users,
}: {
  teams: { id: string; name: string }[];
  users: { id: string; name: string; handle: string }[];
}) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useServerAction();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const role = String(f.get("role") ?? "");
        const data = {
          teamId: String(f.get("teamId") ?? ""),
          userId: String(f.get("userId") ?? ""),
          role: role === "none" ? null : role,
        };
        run(
          () => setTeamRoleAction(data),
          () => router.refresh(),
        );
      }}
    >
      <Field className="min-w-0 max-w-full" label="Person" error={fieldError("userId")}>
        <select name="userId" className={input}>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} (@{u.handle})
            </option>
          ))}
        </select>
      </Field>
      <Field className="min-w-0 max-w-full" label="Team" error={fieldError("teamId")}>
        <select name="teamId" className={input}>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <Field className="min-w-0 max-w-full" label="Role in the team" error={fieldError("role")}>
        <select name="role" defaultValue="operator" className={input}>
          {TEAM_ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
          <option value="none">none (remove from the team)</option>
        </select>
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        Set role
      </Button>
      <FormError error={error} />
    </form>
  );
}
