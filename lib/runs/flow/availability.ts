/**
 * The one answer to "may this item be worked on now, and if not, why?" for a run as it is.
 * Pure, so the server (every writer, inside its run transaction), the API and the page all
 * compute the same thing from the same facts.
 *
 * An open item is locked while any of these holds:
 * - branch: it is on the GO branch and there is no GO decision, or on the NO GO branch and
 *   neither a NO GO decision nor a FAILED result opened it;
 * - result: it belongs to a result (`when=succeeded|failed`) the run does not have;
 * - needs: an item it names in `needs` is not done, or a phase it names is not finished;
 * - order: its phase waits for the previous phase (or the phases the heading names in
 *   `needs`), and an item there is still open;
 * - parent: a sub-item follows its parent, so it is locked while the parent is; the
 *   announcement of a decision waits for the decision itself.
 * Only order and needs may be lifted by someone with runs.decide, with a reason.
 */

export type LockKind = "branch" | "result" | "needs" | "order";

export type LockReason = { kind: LockKind; text: string };

export type Availability = {
  available: boolean;
  /** Why not (empty when available). Reasons lifted by an override are not listed. */
  reasons: LockReason[];
  /** Order or dependency reasons that hold but were lifted by an override. */
  overridden: LockReason[];
};

export type AvailabilitySection = {
  id: string;
  title: string;
  branch: string | null;
  /** From the template's annotation of the phase heading. */
  annotationId?: string;
  needs?: string[];
};

export type AvailabilityItem = {
  id: string;
  sectionId: string;
  parentId: string | null;
  position: number;
  kind: string;
  text: string;
  state: "open" | "done" | "skipped" | "not_taken";
  spec: { id?: string; needs?: string[]; when?: "succeeded" | "failed" };
  /** Set when someone with runs.decide started the item out of order. */
  unlocked: boolean;
};

export type AvailabilityFacts = {
  sections: AvailabilitySection[];
  items: AvailabilityItem[];
  /** The decision in force (not superseded), if any. */
  decision: "GO" | "NO GO" | null;
  result: "NO GO" | "SUCCEEDED" | "FAILED" | null;
};

const OVERRIDABLE: ReadonlySet<LockKind> = new Set(["needs", "order"]);

export function computeAvailability(facts: AvailabilityFacts): Map<string, Availability> {
  const out = new Map<string, Availability>();
  const itemsOf = new Map<string, AvailabilityItem[]>();
  for (const item of facts.items) itemsOf.set(item.sectionId, [...(itemsOf.get(item.sectionId) ?? []), item]);
  const itemByAnnotation = new Map(facts.items.filter((i) => i.spec.id).map((i) => [i.spec.id!, i]));
  const sectionByAnnotation = new Map(
    facts.sections.filter((s) => s.annotationId).map((s) => [s.annotationId!, s]),
  );
  const finished = (section: AvailabilitySection) =>
    (itemsOf.get(section.id) ?? []).every((i) => i.state !== "open");

  /** The phases a phase waits for unless its heading names others: the previous one, seen through branches. */
  const previousPhases = (index: number): AvailabilitySection[] => {
    const section = facts.sections[index]!;
    let i = index - 1;
    // A branch waits for what comes before the branches, not for its sibling branch.
    if (section.branch) while (i >= 0 && facts.sections[i]!.branch) i--;
    if (i < 0) return [];
    const previous = facts.sections[i]!;
    if (!previous.branch) return [previous];
    // After the branches, every branch must be finished (done, skipped or not taken).
    const group: AvailabilitySection[] = [];
    while (i >= 0 && facts.sections[i]!.branch) group.unshift(facts.sections[i--]!);
    return group;
  };

  const sectionReasons = new Map<string, LockReason[]>();
  facts.sections.forEach((section, index) => {
    const reasons: LockReason[] = [];
    if (section.branch === "go" && facts.decision !== "GO") {
      reasons.push({ kind: "branch", text: "needs a GO decision" });
    }
    if (
      section.branch === "no_go" &&
      facts.decision !== "NO GO" &&
      facts.result !== "FAILED" &&
      facts.result !== "NO GO"
    ) {
      reasons.push({ kind: "branch", text: "needs a NO GO decision or a FAILED result" });
    }
    if (section.needs?.length) {
      for (const need of section.needs) reasons.push(...needReason(need));
    } else {
      const unfinished = previousPhases(index).filter((s) => !finished(s));
      if (unfinished.length) {
        reasons.push({
          kind: "order",
          text: `needs the previous phase done (${unfinished.map((s) => `“${s.title}”`).join(", ")})`,
        });
      }
    }
    sectionReasons.set(section.id, reasons);
  });

  function needReason(id: string): LockReason[] {
    const item = itemByAnnotation.get(id);
    if (item) return item.state === "done" ? [] : [{ kind: "needs", text: `needs “${item.text}” done` }];
    const section = sectionByAnnotation.get(id);
    if (section && !finished(section)) return [{ kind: "needs", text: `needs “${section.title}” finished` }];
    return [];
  }

  const byId = new Map(facts.items.map((i) => [i.id, i]));
  const ordered = [...facts.items].sort((a, b) => a.position - b.position);
  for (const item of ordered) {
    if (item.state !== "open") {
      out.set(item.id, { available: true, reasons: [], overridden: [] });
      continue;
    }
    const all: LockReason[] = [...(sectionReasons.get(item.sectionId) ?? [])];
    const when = item.spec.when;
    if (when === "succeeded" && facts.result !== "SUCCEEDED") {
      all.push({ kind: "result", text: "needs the result SUCCEEDED" });
    }
    if (when === "failed" && facts.result !== "FAILED" && facts.result !== "NO GO") {
      all.push({ kind: "result", text: "needs the result FAILED or NO GO" });
    }
    for (const need of item.spec.needs ?? []) all.push(...needReason(need));
    const parent = item.parentId ? byId.get(item.parentId) : undefined;
    // A decision's channel sub-items announce it: there is nothing to announce before it is made.
    if (parent?.kind === "decision" && parent.state === "open") {
      all.push({ kind: "needs", text: "needs the decision recorded" });
    }
    const fromParent = parent ? out.get(parent.id) : undefined;
    const unlocked = item.unlocked || isUnlockedAbove(item, byId);
    const reasons = dedupe([
      ...all.filter((r) => !(unlocked && OVERRIDABLE.has(r.kind))),
      ...(fromParent?.reasons ?? []),
    ]);
    const overridden = unlocked ? dedupe(all.filter((r) => OVERRIDABLE.has(r.kind))) : [];
    out.set(item.id, { available: reasons.length === 0, reasons, overridden });
  }
  return out;
}

function isUnlockedAbove(item: AvailabilityItem, byId: ReadonlyMap<string, AvailabilityItem>): boolean {
  for (
    let p = item.parentId ? byId.get(item.parentId) : undefined;
    p;
    p = p.parentId ? byId.get(p.parentId) : undefined
  ) {
    if (p.unlocked) return true;
  }
  return false;
}

function dedupe(reasons: LockReason[]): LockReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.text) ? false : (seen.add(r.text), true)));
}

/** "needs a GO decision; needs “Prescale Blue side” done" — the refusal a writer shows. */
export function describeLock(reasons: readonly LockReason[]): string {
  return reasons.map((r) => r.text).join("; ");
}
