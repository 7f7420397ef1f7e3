import Link from "next/link";
import { pageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listRuns } from "@/lib/runs/list-runs";
import { listStartableTemplates } from "@/lib/templates/startable-templates";
import { forPage } from "@/lib/http/page-interrupts";
import { LocalTime } from "@/components/ui/local-time";
import { RehearsalBadge } from "@/components/rehearsals/rehearsal-badge";
import { StartRunMenu } from "@/components/runs/start-run-menu";
import { chosenTeam } from "@/lib/teams/chosen-team";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const actor = await pageActor();
  const team = (await chosenTeam(actor)).chosen;
  const mayStart = team ? can(actor, "runs.write", team.id) : can(actor, "runs.write");
  const [runs, templates] = await forPage(
    Promise.all([
      listRuns({ actor, team: team?.slug }),
      mayStart ? listStartableTemplates({ actor, team: team?.slug }) : [],
    ]),
  );
  return (
    <div className="space-y-8">
      <section>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-2xl font-semibold">Runs{team ? ` · ${team.name}` : ""}</h1>
          {mayStart && <StartRunMenu templates={templates} />}
        </div>
        {runs.length === 0 ? (
          <p className="text-slate-600">No runs yet.</p>
        ) : (
          <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
            <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
              <thead className="bg-slate-100 text-left text-slate-600">
                <tr>
                  <th className="px-3 py-2">#</th>
                  <th className="px-3 py-2">Team</th>
                  <th className="px-3 py-2">Title</th>
                  <th className="px-3 py-2">Status</th>
                  <th className="px-3 py-2">Progress</th>
                  <th className="px-3 py-2">Started</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 font-mono">#{r.number}</td>
                    <td className="px-3 py-2" title={r.team.name}>
                      {r.team.slug}-{r.teamNumber}
                    </td>
                    <td className="px-3 py-2">
                      <Link href={`/runs/${r.number}`} className="font-medium text-blue-700 hover:underline">
                        {r.title}
                      </Link>
                      <RehearsalBadge rehearsal={r.rehearsal} />
                    </td>
                    <td className="px-3 py-2">{r.status}</td>
                    <td className="px-3 py-2">
                      {r.done}/{r.total}
                    </td>
                    <td className="px-3 py-2">
                      <LocalTime iso={r.createdAt} /> by {r.createdBy}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
