import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { getTeamSettings } from "@/lib/team-settings/get-team-settings";
import { minutesLabel } from "@/lib/reminders/lead-time";
import { TeamTargetsSection } from "@/components/team-settings/team-targets-section";
import { TeamApproversForm } from "@/components/team-settings/team-approvers-form";
import { TeamRemindersForm } from "@/components/team-settings/team-reminders-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Team settings" };

export default async function TeamSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await pageActor();
  const { slug } = await params;
  const s = await forPage(getTeamSettings({ actor, team: slug }));
  const leads = s.reminders.leads;
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold">{s.team.name}: team settings</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          What this team sets here applies to its own runs; where it sets nothing, the workspace defaults
          apply.
          {!s.canEdit && " You may read these settings; changing them needs teams.settings in this team."}
        </p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="targets-heading">
        <h2 id="targets-heading" className="mb-1 text-lg font-semibold">
          Integration targets
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          A team target is used for this team&apos;s runs instead of the workspace target of the same channel
          and name. Secrets stay in the server&apos;s environment.
          {!s.canEditTargets && " Admins set a team's targets, as they do the workspace's."}
        </p>
        <TeamTargetsSection team={s.team.slug} targets={s.targets} canEdit={s.canEditTargets} />
      </section>
      <section
        className="rounded-lg border border-slate-200 bg-white p-4"
        aria-labelledby="approvers-heading"
      >
        <h2 id="approvers-heading" className="mb-1 text-lg font-semibold">
          GO approvers
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Every new run of this team starts with these people as its named approvers; each run&apos;s list can
          still be changed on the run. None: anyone who may decide approves. The quorum is the
          template&apos;s.
        </p>
        {s.canEdit ? (
          <TeamApproversForm
            team={s.team.slug}
            approvers={s.approvers}
            candidates={s.candidates}
            minApprovals={s.minApprovals}
          />
        ) : (
          <p className="text-sm" data-testid="team-approvers">
            {s.approvers.length
              ? s.approvers.map((a) => `${a.name} (@${a.handle})`).join(", ")
              : "None: anyone who may decide."}{" "}
            Minimum approvals for GO: {s.minApprovals ?? "the template's"}.
          </p>
        )}
      </section>
      <section
        className="rounded-lg border border-slate-200 bg-white p-4"
        aria-labelledby="reminders-heading"
      >
        <h2 id="reminders-heading" className="mb-1 text-lg font-semibold">
          Reminder lead times
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          For the phases a template does not set itself: how long before a phase is due its reminder goes out,
          by how far ahead of the window the phase is, and when an overdue phase is escalated.
        </p>
        {s.canEdit ? (
          <TeamRemindersForm team={s.team.slug} reminders={s.reminders} />
        ) : (
          <ul className="text-sm" data-testid="team-reminders">
            <li>Days ahead: {leads.daysAhead ? minutesLabel(leads.daysAhead) : "workspace default"}</li>
            <li>Hours ahead: {leads.hoursAhead ? minutesLabel(leads.hoursAhead) : "workspace default"}</li>
            <li>
              Within the hour: {leads.minutesAhead ? minutesLabel(leads.minutesAhead) : "workspace default"}
            </li>
            <li>
              Overdue margin:{" "}
              {s.reminders.overdueMarginMinutes !== null
                ? minutesLabel(s.reminders.overdueMarginMinutes)
                : "workspace default"}
            </li>
          </ul>
        )}
      </section>
    </div>
  );
}
