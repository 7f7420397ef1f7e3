import { pageActor } from "@/lib/auth/session";
import { oidcName } from "@/lib/auth/oidc";
import { env } from "@/lib/env";
import { forPage } from "@/lib/http/page-interrupts";
import { listAllTeams } from "@/lib/teams/list-teams";
import { listSignInGroupMappings } from "@/lib/sign-in-groups/mappings";
import { MapSignInGroupForm, SignInGroupRow } from "@/components/admin/sign-in-group-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign-in groups" };

export default async function SignInGroupsPage() {
  const actor = await pageActor();
  const [mappings, teams] = await forPage(
    Promise.all([listSignInGroupMappings({ actor }), listAllTeams({ actor })]),
  );
  const sso = oidcName(env());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Sign-in groups</h1>
      <p className="text-sm text-slate-600">
        At every single sign-on, the groups in the provider&apos;s <code>{env().OIDC_GROUPS_CLAIM}</code>{" "}
        claim give the team roles mapped here, and roles from groups the person is no longer in are removed. A
        role given by hand on the Teams page stands over a group&apos;s role in that team.
        {sso ? "" : " Single sign-on is not configured: the mapping applies once it is."}
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">Mappings</h2>
        {mappings.length === 0 ? (
          <p className="text-slate-600">No group is mapped.</p>
        ) : (
          <table className="w-full text-left" data-testid="sign-in-group-mappings">
            <thead>
              <tr className="text-slate-600">
                <th className="py-1 font-medium">Group</th>
                <th className="py-1 font-medium">Team</th>
                <th className="py-1 font-medium">Role</th>
                <th className="py-1 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => (
                <SignInGroupRow
                  key={m.id}
                  mapping={{
                    id: m.id,
                    group: m.groupValue,
                    team: m.team.slug,
                    teamName: m.team.name,
                    role: m.role,
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-semibold">Map a group</h2>
        <MapSignInGroupForm teams={teams.map((t) => t.slug)} />
      </section>
    </div>
  );
}
