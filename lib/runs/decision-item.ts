import "server-only";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";

/** The run's Go/No-Go item: where a decision sent without naming an item is recorded. */
export async function decisionItemOf(runId: string): Promise<string> {
  const item = await db().runItem.findFirst({
    where: { runId, kind: "decision" },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  if (!item) throw new DomainError("This run's checklist has no Go/No-Go decision.");
  return item.id;
}
