import type { RunAudit } from "@/lib/audit/run-audit";
import { REHEARSAL_NOTICE } from "@/lib/rehearsals/rehearsal-label";
import type { SignedHead } from "@/lib/audit/signed-head";

/** The run stream's signed heads and the key that signed them, for offline verification. */
export type EvidenceSignatures = { keyId: string; publicKey: string; heads: SignedHead[] };

export const EVIDENCE_FORMAT = "runsheet-evidence/1";

/**
 * The JSON evidence bundle. Each event carries exactly the fields its hash covers
 * (see hash-event.ts) plus `hash` and `actorHandle`, so scripts/verify-evidence.mjs can
 * recompute the chain without the app, and the run's signed heads to check it against.
 */
export function evidenceBundle(audit: RunAudit, exportedAt: Date, signatures?: EvidenceSignatures) {
  const { run } = audit;
  return {
    format: EVIDENCE_FORMAT,
    exportedAt: exportedAt.toISOString(),
    ...(run.rehearsal ? { rehearsal: REHEARSAL_NOTICE } : {}),
    run: {
      id: run.id,
      number: run.number,
      title: run.title,
      rehearsal: run.rehearsal,
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
    // Verifiers should pin the key (verify-evidence.mjs --public-key): one carried by the
    // bundle proves only that the bundle agrees with itself.
    signatures: signatures ?? null,
  };
}
export type EvidenceBundle = ReturnType<typeof evidenceBundle>;
