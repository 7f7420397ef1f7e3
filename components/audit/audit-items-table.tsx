import type { RunAudit } from "@/lib/audit/run-audit";
import { elapsedText, utcStamp } from "@/lib/audit/evidence-format";
import { ItemBody } from "@/components/templates/item-body";
import { renderTokens } from "@/lib/templates/render-tokens";
import { fieldTokenValues } from "@/lib/format/field-tokens";

const STATE_LABEL: Record<string, string> = {
  open: "open",
  done: "done",
  skipped: "skipped",
  not_taken: "not taken",
};

/** Every item, by section: who, when, how long, notes, and what the outbox and automations kept. */
export function AuditItemsTable({ audit }: { audit: RunAudit }) {
  const { run } = audit;
  // Placeholders filled as the run page fills them (recorded later, a window in UTC here), never `{{key}}`.
  const values = fieldTokenValues(run.fieldDefs, run.fields, { timeZone: "UTC" });
  const evidence = new Map<string, string[]>();
  const add = (itemId: string, line: string) => evidence.set(itemId, [...(evidence.get(itemId) ?? []), line]);
  for (const n of audit.notifications)
    add(
      n.itemId,
      `${n.channel} → ${n.target}: ${n.status}${n.deliveredAt ? ` ${utcStamp(n.deliveredAt)}` : ""}${n.lastError ? ` (${n.lastError})` : ""}`,
    );
  for (const a of audit.automations)
    add(a.itemId, `${a.kind}${a.dryRun ? " (dry run)" : ""}: ${a.status}${a.error ? ` (${a.error})` : ""}`);
  return (
    <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
      <table
        className="w-full border-collapse [&_td]:px-2 [&_td]:py-1 [&_td]:align-top [&_th]:px-2 [&_th]:py-1"
        data-testid="audit-items"
      >
        <thead>
          <tr className="text-left text-slate-600">
            <th className="py-1">#</th>
            <th>Item</th>
            <th>State</th>
            <th>Who</th>
            <th>When (UTC)</th>
            <th>Elapsed</th>
            <th>Notes and evidence</th>
          </tr>
        </thead>
        {run.sections.map((s) => (
          <tbody key={s.id} className="audit-section">
            <tr>
              <th colSpan={7} className="bg-slate-100 px-1 py-1 text-left">
                {s.title}
              </th>
            </tr>
            {run.items
              .filter((i) => i.sectionId === s.id)
              .map((i) => (
                <tr key={i.id} className="border-t border-slate-200 align-top">
                  <td className="py-1 pr-2 font-mono text-xs">{i.path}</td>
                  <td style={{ paddingLeft: `${i.depth}rem` }}>
                    {renderTokens(i.text, values)}
                    <ItemBody spec={i.spec} fields={run.fieldDefs} values={run.fields} />
                  </td>
                  <td>{STATE_LABEL[i.state]}</td>
                  <td>{i.doneBy ? `@${i.doneBy.handle}` : ""}</td>
                  <td className="whitespace-nowrap">{utcStamp(i.doneAt).replace(" UTC", "")}</td>
                  <td>{elapsedText(i.elapsedMs)}</td>
                  <td>
                    {(audit.flags[i.id] ?? []).map((f) => (
                      <p
                        key={f.text}
                        className="font-semibold text-amber-900"
                        data-testid={`audit-flag-${f.kind}`}
                      >
                        {f.text}
                      </p>
                    ))}
                    {i.note && <p>{i.note}</p>}
                    {(evidence.get(i.id) ?? []).map((line) => (
                      <p key={line} className="text-xs text-slate-600">
                        {line}
                      </p>
                    ))}
                  </td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
