import "server-only";
import type { Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Run } from "@/lib/generated/prisma/client";
import type { TemplateDefinition } from "@/lib/templates/definition";
import { versionDefinition } from "@/lib/templates/version-definition";
import {
  computeAvailability,
  describeLock,
  type Availability,
  type AvailabilityFacts,
} from "@/lib/runs/flow/availability";

type StoredFacts = {
  sections: { id: string; key: string; title: string; branch: string | null }[];
  items: AvailabilityFacts["items"];
  decision: string | null;
  result: string | null;
};

/** The facts availability depends on, from the run's stored rows and its template's definition. */
export function availabilityFactsFrom(def: TemplateDefinition, stored: StoredFacts): AvailabilityFacts {
  const annotated = new Map(def.sections.map((d) => [d.key, d]));
  return {
    sections: stored.sections.map((s) => {
      const d = annotated.get(s.key);
      return { id: s.id, title: s.title, branch: s.branch, annotationId: d?.id, needs: d?.needs };
    }),
    items: stored.items,
    decision: (stored.decision as AvailabilityFacts["decision"]) ?? null,
    result: stored.result as AvailabilityFacts["result"],
  };
}

/** Reads the facts availability depends on, as the run is now (call it after taking the run's lock). */
export async function availabilityFacts(tx: Tx, runId: string): Promise<AvailabilityFacts> {
  const run = await tx.run.findUniqueOrThrow({
    where: { id: runId },
    select: { result: true, templateVersionId: true },
  });
  const def = await versionDefinition(tx, run.templateVersionId);
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
  return availabilityFactsFrom(def, {
    sections,
    items: items.map(({ unlockedAt, spec, ...i }) => ({
      ...i,
      spec: spec as AvailabilityFacts["items"][number]["spec"],
      unlocked: unlockedAt !== null,
    })),
    decision: decision?.decision ?? null,
    result: run.result,
  });
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
  return availableIn(await availabilityFacts(tx, run.id), item);
}

/** requireAvailable over facts already read under the run's lock. */
export function availableIn(facts: AvailabilityFacts, item: { id: string; path: string }): Availability {
  const availability = computeAvailability(facts).get(item.id);
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
