import { pageActor } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/list-users";
import { forPage } from "@/lib/http/page-interrupts";
import { PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import { InviteUserForm } from "@/components/admin/invite-user-form";
import { UserRow } from "@/components/admin/user-row";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await pageActor();
  const users = await forPage(listUsers({ actor }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
        <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Email</th>
              <th className="px-3 py-2">Role</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} isSelf={u.id === actor.id} />
            ))}
          </tbody>
        </table>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-semibold">Invite someone</h2>
        <InviteUserForm />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">Who may do what</h2>
        <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
          <table>
            <thead className="text-left text-slate-600">
              <tr>
                <th className="pr-6">Permission</th>
                {ROLES.map((r) => (
                  <th key={r} className="pr-4">
                    {r}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(PERMISSIONS).map(([p, roles]) => (
                <tr key={p}>
                  <td className="pr-6 font-mono">{p}</td>
                  {ROLES.map((r) => (
                    <td key={r}>{(roles as readonly string[]).includes(r) ? "✓" : ""}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
