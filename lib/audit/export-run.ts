import "server-only";
import { requirePermission, requireTeamPermission, type Actor } from "@/lib/auth/permissions";
import { getRunAudit } from "@/lib/audit/get-run-audit";
import { evidenceBundle, type EvidenceBundle } from "@/lib/audit/evidence-bundle";
import { evidenceMarkdown } from "@/lib/audit/evidence-markdown";
import { evidenceItemsCsv } from "@/lib/audit/evidence-csv";
import { streamFor } from "@/lib/audit/append-event";
import { readSignedHeads } from "@/lib/audit/checkpoints";
import { keyIdOf } from "@/lib/audit/signed-head";
import { publicKeyPem, verifyKey } from "@/lib/audit/signing-key";

export type EvidenceFormat = "md" | "json" | "csv";

/**
 * A run's evidence in every format, from one read of the database. A plain function of
 * the actor and the run number, so scripts and benchmarks can call it without a request.
 */
export async function exportRunEvidence({
  actor: maybeActor,
  number,
}: {
  actor: Actor | null;
  number: number;
}): Promise<{ bundle: EvidenceBundle; markdown: string; csv: string }> {
  const actor = requirePermission(maybeActor, "audit.export");
  const audit = await getRunAudit({ actor, number });
  requireTeamPermission(actor, "audit.export", audit.run.team.id, `Run #${number} does not exist.`);
  return {
    bundle: evidenceBundle(audit, new Date(), signaturesFor(audit.run.id)),
    markdown: evidenceMarkdown(audit),
    csv: evidenceItemsCsv(audit),
  };
}

function signaturesFor(runId: string) {
  const key = verifyKey();
  const stream = streamFor(runId);
  return {
    keyId: keyIdOf(key),
    publicKey: publicKeyPem(key),
    heads: readSignedHeads().filter((h) => h.stream === stream),
  };
}
