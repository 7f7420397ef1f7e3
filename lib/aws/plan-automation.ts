import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { stepContextFor, withHistory } from "@/lib/aws/step-context";

/** What starting this item's step would call, and what is still missing before it can. */
export async function planAutomation({
  actor,
  ...input
}: {
  actor: Actor | null;
  runId: string;
  itemId: string;
}) {
  await requireRunPermission(actor, input.runId, "integrations.run");
  const run = await db().run.findUnique({ where: { id: input.runId } });
  const item = await db().runItem.findUnique({ where: { id: input.itemId } });
  if (!run || !item) throw new NotFoundError("That item is not part of this run.");
  // The execution id is not known yet; the plan shows where its token goes.
  const id = randomUUID();
  const { kind, step, ctx } = stepContextFor(run, item, id);
  await withHistory(ctx, id);
  const shown = { ...ctx, token: "(one per execution)" };
  return { kind, blueStackId: ctx.blueStackId, missing: step.missing(shown), calls: step.plan(shown) };
}
