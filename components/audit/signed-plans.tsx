import type { RunAudit } from "@/lib/audit/run-audit";
import { utcStamp } from "@/lib/audit/evidence-format";

/** What each GO decision signed: the hash, and the steps and announcement texts it covers. */
export function SignedPlans({ plans }: { plans: RunAudit["signedPlans"] }) {
  if (!plans.length) return null;
  return (
    <section className="space-y-2" data-testid="signed-plans">
      <h2 className="text-lg font-semibold">Signed plans</h2>
      {plans.map((p) => (
        <details key={p.decisionId} className="rounded border border-slate-200 p-2 text-sm">
          <summary className="cursor-pointer">
            GO by {p.by ? `@${p.by}` : "someone"} at {utcStamp(p.at)} — SHA-256 <code>{p.sha256}</code>
          </summary>
          <pre className="mt-2 overflow-x-auto text-xs">
            {JSON.stringify({ steps: p.steps, announcements: p.announcements }, null, 2)}
          </pre>
        </details>
      ))}
    </section>
  );
}
