import Link from "next/link";
import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { listTeamMembers } from "@/lib/teams/list-teams";
import { listUsers } from "@/lib/users/list-users";
import { CreateTeamForm, SetTeamRoleForm } from "@/components/admin/team-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await pageActor();
  const [teams, users] = await forPage(Promise.all([listTeamMembers({ actor }), listUsers({ actor })]));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Teams</h1>
      <p className="text-sm text-slate-600">
        Admins and auditors set on the Users page act in every team; operators, subscribers and team-limited
        auditors hold their role in the teams listed here, given by hand or by{" "}
        <Link href="/admin/sign-in-groups" className="underline">
          sign-in groups
        </Link>
        .
      </p>
      {teams.map((t) => (
        <section key={t.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold">
            {t.name} <span className="font-normal text-slate-600">({t.slug})</span>{" "}
            <Link href={`/teams/${t.slug}/settings`} className="text-sm font-normal text-blue-700 underline">
              Settings<span className="sr-only"> of {t.name}</span>
            </Link>
          </h2>
          {t.members.length === 0 ? (
            <p className="text-slate-600">No members.</p>
          ) : (
            <ul className="list-disc pl-5" data-testid={`team-members-${t.slug}`}>
              {t.members.map((m) => (
                <li key={m.user.id}>
                  {m.user.name} (@{m.user.handle}) · {m.role}
                  {m.source === "sign-in-groups" && (
                    <span className="text-slate-600"> (from a sign-in group)</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-semibold">Set a team role</h2>
        <SetTeamRoleForm teams={teams} users={users.filter((u) => u.active)} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-semibold">New team</h2>
        <CreateTeamForm />
      </section>
    </div>
  );
}
