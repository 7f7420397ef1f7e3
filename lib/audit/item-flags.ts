import type { AuditEventView } from "@/lib/audit/run-audit";

/**
 * What an auditor must not miss about an item, read from the log: an override of the run's
 * order (who, why), a change made while the item was out of order, and manual evidence (a
 * step done outside Runsheet). The audit view and every export show the same words.
 */
export type ItemFlag = { kind: "override" | "out_of_order" | "manual_evidence"; text: string };

export function itemFlags(events: readonly AuditEventView[]): Record<string, ItemFlag[]> {
  const flags: Record<string, ItemFlag[]> = {};
  const add = (itemId: string, flag: ItemFlag) => (flags[itemId] ??= []).push(flag);
  for (const e of events) {
    if (!e.itemId) continue;
    const p = (e.payload ?? {}) as Record<string, unknown>;
    const who = e.actorHandle ? `@${e.actorHandle}` : "someone";
    if (e.action === "item.unlocked" && p.override) {
      add(e.itemId, {
        kind: "override",
        text: `OVERRIDE: started out of order by ${who}: ${String(p.reason ?? "")}`,
      });
    }
    if (p.outOfOrder) {
      add(e.itemId, {
        kind: "out_of_order",
        text: `OUT OF ORDER: ${e.action} by ${who} while it still waited for: ${((p.overriddenLocks as string[]) ?? []).join("; ")}`,
      });
    }
    if (p.manualEvidence) {
      add(e.itemId, {
        kind: "manual_evidence",
        text: `MANUAL EVIDENCE: done outside Runsheet by ${who}: ${String(p.doneOutside ?? "")}`,
      });
    }
  }
  return flags;
}

/** The plans GO decisions signed, oldest first, from the decision events. */
export function signedPlans(events: readonly AuditEventView[]) {
  return events.flatMap((e) => {
    const p = (e.payload ?? {}) as {
      decisionId?: string;
      signedPlan?: { sha256: string; steps: unknown[]; announcements: unknown[] };
    };
    return e.action.startsWith("decision.") && p.signedPlan
      ? [{ decisionId: p.decisionId ?? "", at: e.createdAt, by: e.actorHandle, ...p.signedPlan }]
      : [];
  });
}
