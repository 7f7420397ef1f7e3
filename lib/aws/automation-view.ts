import type { PlannedCall } from "@/lib/aws/steps/step";

/** One execution of an automation step as the run page shows it. */
export type AutomationView = {
  id: string;
  itemId: string;
  kind: string;
  dryRun: boolean;
  status: "queued" | "running" | "succeeded" | "failed";
  blueStackId: string | null;
  calls: PlannedCall[];
  missing: string[];
  evidence: Record<string, unknown> | null;
  error: string | null;
  requestedById: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

type Row = {
  id: string;
  itemId: string;
  kind: string;
  dryRun: boolean;
  status: string;
  plan: unknown;
  evidence: unknown;
  error: string | null;
  requestedById: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** `missing`: what a dry run without settings could not fill in (named gaps, not errors). */
export type StoredPlan = { blueStackId: string; calls: PlannedCall[]; missing?: string[] };

export function toAutomationView(r: Row): AutomationView {
  const plan = (r.plan ?? {}) as Partial<StoredPlan>;
  return {
    id: r.id,
    itemId: r.itemId,
    kind: r.kind,
    dryRun: r.dryRun,
    status: r.status as AutomationView["status"],
    blueStackId: plan.blueStackId ?? null,
    calls: plan.calls ?? [],
    missing: plan.missing ?? [],
    evidence: (r.evidence ?? null) as AutomationView["evidence"],
    error: r.error,
    requestedById: r.requestedById,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
