import type { RunAudit } from "@/lib/audit/run-audit";
import { utcStamp } from "@/lib/audit/evidence-format";

function summary(payload: unknown): string {
  const text = JSON.stringify(payload);
  if (!text || text === "{}") return "";
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** The run's whole hash chain, in order. */
export function AuditLogTable({ audit }: { audit: RunAudit }) {
  const pathOf = new Map(audit.run.items.map((i) => [i.id, i.path]));
  return (
    <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
      <table className="w-full border-collapse" data-testid="audit-log">
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
              <td className="font-mono text-xs">{e.itemId ? (pathOf.get(e.itemId) ?? "") : ""}</td>
              <td className="font-mono text-xs break-all">{summary(e.payload)}</td>
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
