import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getRunView } from "@/lib/runs/get-run-view";
import { forPage } from "@/lib/http/page-interrupts";
import { RunChecklist } from "@/components/runs/run-checklist";
import { getAckRoster } from "@/lib/acks/get-ack-roster";
import { LazyAckRoster } from "@/components/runs/lazy-ack-roster";
import { RunTimePanels } from "@/app/(app)/_time/run-time-panels";
import { RehearsalBanner } from "@/components/rehearsals/rehearsal-badge";

export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const n = Number(number);
  if (!Number.isSafeInteger(n) || n < 1) notFound();
  const actor = await pageActor();
  const run = await forPage(getRunView({ actor, number: n }));
  const roster = await getAckRoster({ actor, run: run.id });
  return (
    <>
      {run.rehearsal && <RehearsalBanner />}
      <RunChecklist
        initial={run}
        me={{ id: actor.id, name: actor.name, handle: actor.handle }}
        canWrite={can(actor, "runs.write", run.team.id)}
        canDecide={can(actor, "runs.decide", run.team.id)}
        canAudit={can(actor, "audit.read", run.team.id)}
        roster={
          <>
            <LazyAckRoster initial={roster} />
            <RunTimePanels actor={actor} runId={run.id} number={run.number} hasWindow={!!run.window} />
          </>
        }
      />
    </>
  );
}
