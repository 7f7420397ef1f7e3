import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import { stepContextFor, withHistory } from "@/lib/aws/step-context";
import { backoffRefusal } from "@/lib/aws/steps/backoff";
import { outOfOrderFlag, requireAvailable } from "@/lib/runs/flow/run-availability";
import { refuseChangedPlan } from "@/lib/runs/flow/sign-plan";
import { toAutomationView, type StoredPlan } from "@/lib/aws/automation-view";
import { launchExecution } from "@/lib/aws/executor";

export type StartAutomationInput = {
  runId: string;
  itemId: string;
  /** The Blue stack id as the person typed it: the confirmation that names what will change. */
  confirmStackId: string;
  dryRun: boolean;
  /** One per click in the browser: a resent click finds its execution instead of starting another. */
  clickId: string;
};

/**
 * Records an execution of an item's step and its audit event in one transaction, then
 * starts it. The run's lock serialises starts, so at most one execution per item is
 * queued, running or succeeded; a failed one may be retried with a new click.
 */
export async function startAutomation({ actor, ...input }: { actor: Actor | null } & StartAutomationInput) {
  const me = await requireRunPermission(actor, input.runId, "integrations.run");
  const idempotencyKey = `${input.itemId}:${input.clickId}`;
  const { row, created } = await inRunTransaction(input.runId, async ({ tx, run, now }) => {
    const existing = await tx.automationExecution.findUnique({ where: { idempotencyKey } });
    if (existing) {
      if (existing.runId !== run.id) throw new NotFoundError("That item is not part of this run.");
      return { row: existing, created: false };
    }
    const item = await tx.runItem.findUnique({ where: { id: input.itemId } });
    if (!item) throw new NotFoundError("That item is not part of this run.");
    const id = randomUUID();
    const { kind, step, ctx, target } = stepContextFor(run, item, id);
    // A rehearsal without a sandbox: the step is a dry run that still ticks its item, so the
    // rehearsal goes on to the next step as the real night would.
    const rehearsedDryRun = !input.dryRun && target.mode === "dry_run";
    if (input.confirmStackId.trim() !== ctx.blueStackId)
      throw new DomainError(
        `The stack you confirmed is not this run's Blue stack (${ctx.blueStackId}); nothing was started.`,
      );
    if (item.state !== "open") throw new DomainError("This item is no longer open; nothing was started.");
    // A dry run calls nothing, so a team may rehearse a step before its turn comes.
    const availability = input.dryRun ? null : await requireAvailable(tx, run, item);
    if (!input.dryRun) await refuseChangedPlan(tx, run, item);
    await withHistory(ctx, id, tx);
    const missing = step.missing(ctx);
    // A dry run is a rehearsal: it records the plan with its gaps named, so a team can try it before configuring AWS.
    if (missing.length && !input.dryRun && !rehearsedDryRun)
      throw new DomainError(`This step cannot run yet; missing: ${missing.join(", ")}.`);
    if (kind === "backoff" && !input.dryRun && !rehearsedDryRun) {
      const refusal = backoffRefusal(run, ctx);
      if (refusal) throw new DomainError(refusal);
    }
    if (!input.dryRun) {
      const active = await tx.automationExecution.findFirst({
        where: {
          itemId: item.id,
          status: { not: "failed" },
          OR: [{ dryRun: false }, { status: { in: ["queued", "running"] } }],
        },
      });
      if (active)
        throw new DomainError(
          `This step has already been started (it is ${active.status}); it runs only once.`,
        );
    }
    const plan: StoredPlan = { blueStackId: ctx.blueStackId, calls: step.plan(ctx), missing };
    const row = await tx.automationExecution.create({
      data: {
        id,
        runId: run.id,
        itemId: item.id,
        kind,
        idempotencyKey,
        dryRun: input.dryRun || rehearsedDryRun,
        // A dry run is complete once its plan is written: it calls nothing. A rehearsal's is
        // queued like a real step, and the executor ticks its item without calling AWS.
        status: input.dryRun ? "succeeded" : "queued",
        plan: plan as object,
        evidence: input.dryRun
          ? { dryRun: true, missing }
          : rehearsedDryRun && target.mode === "dry_run"
            ? { dryRun: true, rehearsal: true, missing, reason: target.reason }
            : undefined,
        requestedById: me.id,
        createdAt: now,
        updatedAt: now,
        finishedAt: input.dryRun ? now : null,
      },
    });
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: me.id,
      action: input.dryRun ? "automation.dry_run" : "automation.requested",
      itemId: item.id,
      payload: {
        path: item.path,
        kind,
        executionId: id,
        blueStackId: ctx.blueStackId,
        calls: plan.calls,
        missing,
        ...(run.rehearsal ? { rehearsal: target.mode } : {}),
        ...(availability ? outOfOrderFlag(availability) : {}),
      },
      at: now,
    });
    return { row, created: true };
  });
  // Started only after the commit, so the executor always finds its row.
  if (created && row.status === "queued") void launchExecution(row.id);
  return toAutomationView(row);
}
