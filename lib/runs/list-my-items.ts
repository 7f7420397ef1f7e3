import "server-only";
import { runReadScope } from "@/lib/runs/read-scope";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";

/** Open items assigned to the actor across open runs, and the open runs they complete. */
export async function listMyItems({ actor: maybeActor }: { actor: Actor | null }) {
  const actor = requirePermission(maybeActor, "runs.read");
  const [items, runs] = await Promise.all([
    db().runItem.findMany({
      // Every team of mine, and only runs I may still read.
      where: { assigneeId: actor.id, state: "open", run: { status: "open", ...runReadScope(actor) } },
      orderBy: [{ run: { number: "asc" } }, { position: "asc" }],
      take: 500,
      select: {
        id: true,
        path: true,
        text: true,
        kind: true,
        section: { select: { key: true, title: true } },
        run: {
          select: {
            number: true,
            title: true,
            rehearsal: true,
            team: { select: { slug: true, name: true } },
          },
        },
      },
    }),
    db().run.findMany({
      where: { status: "open", assignees: { some: { userId: actor.id } }, ...runReadScope(actor) },
      orderBy: { number: "asc" },
      select: { number: true, title: true, rehearsal: true, team: { select: { slug: true, name: true } } },
    }),
  ]);
  return { items, runs };
}
