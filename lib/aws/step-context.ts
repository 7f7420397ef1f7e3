import "server-only";
import { awsTargetFor } from "@/lib/aws/aws-target";
import { isAutomationKind, STEPS, type AutomationKind } from "@/lib/aws/steps";
import type { Evidence, StepContext } from "@/lib/aws/steps/step";
import { db, type Tx } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { ItemSpec } from "@/lib/runs/run-view";

type RunRow = { id: string; number: number; fields: unknown; rehearsal: boolean };
type ItemRow = { id: string; runId: string; kind: string; spec: unknown };

/** The token AWS sees for one execution: CloudFormation wants a letter first and at most 128 characters. */
export const tokenFor = (executionId: string) => `runsheet-${executionId}`;

/**
 * What a step of this item would act on, checked against the run: the Blue stack is the
 * one recorded at the top of the checklist, never one the browser sends.
 */
export function stepContextFor(run: RunRow, item: ItemRow, executionId: string) {
  if (item.runId !== run.id) throw new NotFoundError("That item is not part of this run.");
  const kind = (item.spec as ItemSpec).automation;
  if (item.kind !== "automation" || !isAutomationKind(kind))
    throw new DomainError("This item is not a step the app can run.");
  const fields = (run.fields ?? {}) as Record<string, string>;
  const blueStackId = fields.stackIdForPrechangeBlueStack?.trim();
  if (!blueStackId)
    throw new DomainError("Record the Stack ID for prechange Blue Stack at the top of the run first.");
  // The run decides where its steps act: a rehearsal never gets the production settings.
  const target = awsTargetFor(run);
  const ctx: StepContext = {
    config: target.config,
    run: { id: run.id, number: run.number, fields },
    blueStackId,
    token: tokenFor(executionId),
    itemId: item.id,
    earlierTokens: [],
    earlier: {},
  };
  return { kind: kind as AutomationKind, step: STEPS[kind], ctx, target };
}

/**
 * What earlier executions of this run left: the tokens of this item's earlier attempts (a Retry
 * adopts the work one of them started) and the latest succeeded evidence of each kind.
 */
export async function withHistory(
  ctx: StepContext,
  executionId: string,
  client: Tx | ReturnType<typeof db> = db(),
) {
  const rows = await client.automationExecution.findMany({
    where: { runId: ctx.run.id, dryRun: false, id: { not: executionId } },
    orderBy: { createdAt: "asc" },
    select: { id: true, itemId: true, kind: true, status: true, evidence: true },
  });
  ctx.earlierTokens = rows.filter((r) => r.itemId === ctx.itemId).map((r) => tokenFor(r.id));
  ctx.earlier = {};
  for (const r of rows) if (r.status === "succeeded") ctx.earlier[r.kind] = (r.evidence ?? {}) as Evidence;
  return ctx;
}
