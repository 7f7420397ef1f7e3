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
}) {
  const scope = runReadScope(maybeActor);
  const runs = await db().run.findMany({
    where: { ...scope, ...(opts.status ? { status: opts.status } : {}) },
    orderBy: { number: "desc" },
    take: opts.take ?? 50,
    select: {
      id: true,
      number: true,
      title: true,
      rehearsal: true,
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
    title: r.title,
    rehearsal: r.rehearsal,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy.name,
    done: doneBy.get(r.id) ?? 0,
    total: r._count.items,
  }));
}
