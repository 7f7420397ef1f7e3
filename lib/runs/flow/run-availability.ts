import "server-only";
import type { Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Run } from "@/lib/generated/prisma/client";
import { definitionSchema } from "@/lib/templates/definition";
import {
  computeAvailability,
  describeLock,
  type Availability,
  type AvailabilityFacts,
} from "@/lib/runs/flow/availability";

/** Reads the facts availability depends on, as the run is now (call it after taking the run's lock). */
export async function availabilityFacts(tx: Tx, runId: string): Promise<AvailabilityFacts> {
  const run = await tx.run.findUniqueOrThrow({
    where: { id: runId },
    select: { result: true, templateVersion: { select: { definition: true } } },
  });
  const def = definitionSchema.parse(run.templateVersion.definition);
  const sections = await tx.runSection.findMany({ where: { runId }, orderBy: { position: "asc" } });
  const items = await tx.runItem.findMany({
    where: { runId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      sectionId: true,
      parentId: true,
      position: true,
      kind: true,
      text: true,
      state: true,
      spec: true,
      unlockedAt: true,
    },
  });
  const decision = await tx.runDecision.findFirst({
    where: { runId, revisedBy: null },
    orderBy: { decidedAt: "desc" },
    select: { decision: true },
  });
  return {
    sections: sections.map((s) => {
      const d = def.sections.find((x) => x.key === s.key);
      return { id: s.id, title: s.title, branch: s.branch, annotationId: d?.id, needs: d?.needs };
    }),
    items: items.map((i) => ({
      id: i.id,
      sectionId: i.sectionId,
      parentId: i.parentId,
      position: i.position,
      kind: i.kind,
      text: i.text,
      state: i.state,
      spec: i.spec as AvailabilityFacts["items"][number]["spec"],
      unlocked: i.unlockedAt !== null,
    })),
    decision: (decision?.decision as AvailabilityFacts["decision"]) ?? null,
    result: run.result as AvailabilityFacts["result"],
  };
}

export async function runAvailability(tx: Tx, runId: string): Promise<Map<string, Availability>> {
  return computeAvailability(await availabilityFacts(tx, runId));
}

/**
 * Refuses to act on a locked item, naming what it waits for. Every writer calls this inside
 * its run transaction, after the run's lock, so the answer cannot change before the write.
 */
export async function requireAvailable(
  tx: Tx,
  run: Pick<Run, "id">,
  item: { id: string; path: string },
): Promise<Availability> {
  const availability = (await runAvailability(tx, run.id)).get(item.id);
  if (!availability) throw new DomainError("That item is not part of this run.");
  if (!availability.available) {
    throw new DomainError(`Item ${item.path} is locked: ${describeLock(availability.reasons)}.`);
  }
  return availability;
}

/** What an audit payload says about an item worked on out of order (nothing when in order). */
export function outOfOrderFlag(availability: Availability): Record<string, unknown> {
  return availability.overridden.length
    ? { outOfOrder: true, overriddenLocks: availability.overridden.map((r) => r.text) }
    : {};
}

/**
 * An announcement that belongs to one result is never sent under another: "successfully
 * deployed" only on a SUCCEEDED run. Checked before anything else so the refusal says so.
 */
export function refuseWrongResult(item: { spec: unknown; path: string }, result: string | null): void {
  const when = (item.spec as { when?: string }).when;
  if (when === "succeeded" && result !== "SUCCEEDED") {
    throw new DomainError(
      `Item ${item.path} is sent only when the result is SUCCEEDED; the result is ${result ?? "not recorded yet"}.`,
    );
  }
  if (when === "failed" && result !== "FAILED" && result !== "NO GO") {
    throw new DomainError(
      `Item ${item.path} is sent only when the result is FAILED or NO GO; the result is ${result ?? "not recorded yet"}.`,
    );
  }
}
