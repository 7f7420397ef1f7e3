import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { runReadScope } from "@/lib/runs/read-scope";

export async function listRuns({
  actor: maybeActor,
  ...opts
}: {
  actor: Actor | null;
  status?: "open" | "closed";
  take?: number;
  /** A team's slug: only its runs (among those the actor may read). */
  team?: string;
}) {
  const scope = runReadScope(maybeActor);
  const runs = await db().run.findMany({
    where: {
      ...scope,
      ...(opts.status ? { status: opts.status } : {}),
      ...(opts.team ? { team: { slug: opts.team } } : {}),
    },
    orderBy: { number: "desc" },
    take: opts.take ?? 50,
    select: {
      id: true,
      number: true,
      title: true,
      rehearsal: true,
      teamNumber: true,
      team: { select: { slug: true, name: true } },
      status: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      _count: { select: { items: true } },
    },
  });
  const done = await db().runItem.groupBy({
    by: ["runId"],
    where: { runId: { in: runs.map((r) => r.id) }, state: { in: ["done", "skipped"] } },
    _count: { _all: true },
  });
  const doneBy = new Map(done.map((d) => [d.runId, d._count._all]));
  return runs.map((r) => ({
    id: r.id,
    number: r.number,
    team: r.team,
    teamNumber: r.teamNumber,
    title: r.title,
    rehearsal: r.rehearsal,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy.name,
    done: doneBy.get(r.id) ?? 0,
    total: r._count.items,
  }));
}
