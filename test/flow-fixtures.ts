import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { RunItem } from "@/lib/generated/prisma/client";
import { approveDecision } from "@/lib/runs/approve-decision";
import { closeRun } from "@/lib/runs/close-run";
import { createChildRun } from "@/lib/runs/create-child-run";
import { recordItem } from "@/lib/runs/record-item";
import { tickItem } from "@/lib/runs/tick-item";
import type { ItemSpec } from "@/lib/runs/run-view";
import { runAvailability } from "@/lib/runs/flow/run-availability";
import { FUTURE_WINDOW } from "./change-window";

/** Ticks every open item of a (flow-free) child run, in order. */
async function tickChildItems(actor: Actor, runId: string) {
  const items = await db().runItem.findMany({
    where: { runId, state: "open" },
    orderBy: { position: "asc" },
  });
  for (const item of items)
    await tickItem({ actor, runId, itemId: item.id, version: item.version, done: true });
}

/** Values a record item is given when a test walks a run forward; keyed by the field's type. */
const RECORDED: Record<string, string> = { datetime: FUTURE_WINDOW, version: "4.3", text: "4.3.0" };

/**
 * Works one open item the way an operator would: a step done outside Runsheet (with its
 * note), a value recorded, a child checklist completed, or a tick. Decisions are left alone.
 */
export async function workItem(actor: Actor, item: RunItem) {
  const ref = { actor, runId: item.runId, itemId: item.id, version: item.version };
  const spec = item.spec as ItemSpec;
  if (item.kind === "decision") return;
  if (item.kind === "automation")
    return tickItem({ ...ref, done: true, doneOutside: { note: "Done by hand in the console." } });
  if (item.kind === "record" && !spec.recordValue) {
    const run = await db().run.findUniqueOrThrow({
      where: { id: item.runId },
      include: { templateVersion: true },
    });
    const fields = (run.templateVersion.definition as { fields: { key: string; type: string }[] }).fields;
    const type = fields.find((f) => f.key === spec.recordField)?.type ?? "text";
    return recordItem({ ...ref, value: RECORDED[type] ?? "4.3.0" });
  }
  if (item.kind === "link") {
    const child = await createChildRun({ actor, runId: item.runId, itemId: item.id });
    await tickChildItems(actor, child.id);
    return closeRun({ actor, runId: child.id });
  }
  return tickItem({ ...ref, done: true });
}

/**
 * Completes every phase before `sectionKey` (branches aside), in order, so the phase itself
 * opens: what a run looks like when its operators have reached that phase.
 */
export async function completeUpTo(actor: Actor, runId: string, sectionKey: string) {
  const sections = await db().runSection.findMany({ where: { runId }, orderBy: { position: "asc" } });
  const target = sections.findIndex((s) => s.key === sectionKey);
  if (target < 0) throw new Error(`no section ${sectionKey}`);
  for (const section of sections.slice(0, target).filter((s) => !s.branch)) {
    const ids = await db().runItem.findMany({
      where: { sectionId: section.id },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    for (const { id } of ids) {
      const item = await db().runItem.findUniqueOrThrow({ where: { id } });
      // What waits for the decision (its announcement) is left for the decision's own step.
      const available = (await runAvailability(db(), runId)).get(id)?.available;
      if (item.state === "open" && available) await workItem(actor, item);
    }
  }
}

/** The decision item's approvals, one per approver, each with a rationale: GO once the quorum is met. */
export async function approveGo(
  runId: string,
  itemId: string,
  approvers: Actor[],
  rationale = "Blue side is green",
) {
  let last;
  for (const actor of approvers)
    last = await approveDecision({ actor, runId, itemId, vote: "GO", rationale });
  return last;
}

/**
 * GO on the seed's decision, which needs two approvers: `actor` and `second`, each giving
 * the rationale. Returns the recorded decision, as decideGoNoGo would.
 */
export async function decideGo(input: {
  actor: Actor;
  runId: string;
  itemId: string;
  rationale: string;
  second: Actor;
}) {
  const result = await approveGo(input.runId, input.itemId, [input.actor, input.second], input.rationale);
  if (!result?.decision) throw new Error("GO was not recorded");
  await announceDecision(input.actor, input.runId);
  return result.decision;
}

/** Ticks the decision's channel sub-items (the announcement sent by hand), finishing its phase. */
export async function announceDecision(actor: Actor, runId: string) {
  const decision = await db().runItem.findFirstOrThrow({ where: { runId, kind: "decision" } });
  const channels = await db().runItem.findMany({
    where: { parentId: decision.id, state: "open" },
    orderBy: { position: "asc" },
  });
  for (const item of channels)
    await tickItem({ actor, runId, itemId: item.id, version: item.version, done: true });
}
