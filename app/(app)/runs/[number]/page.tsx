import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getRunView } from "@/lib/runs/get-run";
import { NotFoundError } from "@/lib/errors";
import { RunChecklist } from "@/components/runs/run-checklist";

export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const n = Number(number);
  if (!Number.isSafeInteger(n) || n < 1) notFound();
  const actor = await pageActor();
  const run = await getRunView(actor, n).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return (
    <RunChecklist
      initial={run}
      me={{ id: actor.id, name: actor.name, handle: actor.handle }}
      canWrite={can(actor, "runs.write")}
    />
  );
}
