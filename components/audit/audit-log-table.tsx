import type { RunAudit } from "@/lib/audit/run-audit";
import { utcStamp } from "@/lib/audit/evidence-format";
import { eventSentence } from "@/components/audit/event-sentence";

/** The run's whole hash chain, in order. */
export function AuditLogTable({ audit }: { audit: RunAudit }) {
  // An item is named with its phase: "Phase 3 · 2.1" reads where "2.1" alone does not.
  const phaseOf = new Map(audit.run.sections.map((s) => [s.id, s.title.split(/[:(]/)[0]!.trim()]));
  const refOf = new Map(audit.run.items.map((i) => [i.id, `${phaseOf.get(i.sectionId) ?? ""} · ${i.path}`]));
  const people = new Map(audit.run.people.map((p) => [p.id, p]));
  return (
    <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
      <table
        className="w-full border-collapse [&_td]:px-2 [&_td]:py-1 [&_td]:align-top [&_th]:px-2 [&_th]:py-1"
        data-testid="audit-log"
      >
        <thead>
          <tr className="text-left text-slate-600">
            <th className="py-1">Seq</th>
            <th>Time (UTC)</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Item</th>
            <th>Payload</th>
            <th>Hash</th>
          </tr>
        </thead>
        <tbody>
          {audit.events.map((e) => (
            <tr key={e.id} className="border-t border-slate-200 align-top">
              <td className="py-1 pr-2 font-mono text-xs">{e.seq}</td>
              <td className="whitespace-nowrap">{utcStamp(e.createdAt).replace(" UTC", "")}</td>
              <td>{e.actorHandle ? `@${e.actorHandle}` : "system"}</td>
              <td className="font-mono text-xs">{e.action}</td>
              <td className="text-xs whitespace-nowrap">{e.itemId ? (refOf.get(e.itemId) ?? "") : ""}</td>
              <td className="min-w-64 text-xs">
                {eventSentence(e.action, e.payload, people)}
                {e.payload !== null && JSON.stringify(e.payload) !== "{}" && (
                  <details className="mt-0.5">
                    <summary className="cursor-pointer text-slate-600">raw JSON</summary>
                    <pre className="font-mono break-all whitespace-pre-wrap">
                      {JSON.stringify(e.payload, null, 2)}
                    </pre>
                  </details>
                )}
              </td>
              <td className="font-mono text-xs" title={e.hash}>
                {e.hash.slice(0, 12)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
