import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { itemOfRun, runByNumber } from "@/lib/api/run-ref";

/** The run and item an item route's path names, as the domain functions take them. */
export async function itemTarget(actor: Actor, params: Record<string, string>) {
  const run = await runByNumber(actor, params.number!);
  const item = await itemOfRun(run.id, params.item!);
  return { actor, runId: run.id, itemId: item.id };
}
