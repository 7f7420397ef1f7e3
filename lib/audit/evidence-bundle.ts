import type { RunAudit } from "@/lib/audit/run-audit";

export const EVIDENCE_FORMAT = "runsheet-evidence/1";

/**
 * The JSON evidence bundle. Each event carries exactly the fields its hash covers
 * (see hash-event.ts) plus `hash` and `actorHandle`, so scripts/verify-evidence.mjs can
 * recompute the chain without the app.
 */
export function evidenceBundle(audit: RunAudit, exportedAt: Date) {
  const { run } = audit;
  return {
    format: EVIDENCE_FORMAT,
    exportedAt: exportedAt.toISOString(),
    run: {
      id: run.id,
      number: run.number,
      title: run.title,
      template: run.templateName,
      templateVersion: run.templateVersion,
      status: run.status,
      result: run.result,
      fields: run.fields,
      window: run.window,
      createdAt: run.createdAt,
      createdBy: run.createdBy,
      closedAt: run.closedAt,
      assignees: run.assignees,
    },
    sections: run.sections,
    items: run.items,
    decisions: run.decisions,
    /** Overrides, out-of-order changes and manual evidence, per item id. */
    flags: audit.flags,
    signedPlans: audit.signedPlans,
    acks: audit.roster.groups.map((g) => ({
      group: g.name,
      subscribers: g.subscribers.map((s) => ({
        name: s.name,
        handle: s.handle,
        acknowledgedAt: s.acknowledgedAt,
        acknowledgedVia: s.acknowledgedVia,
        notifiedAt: s.notifiedAt,
      })),
    })),
    notifications: audit.notifications,
    automations: audit.automations,
    events: audit.events,
  };
}
export type EvidenceBundle = ReturnType<typeof evidenceBundle>;
