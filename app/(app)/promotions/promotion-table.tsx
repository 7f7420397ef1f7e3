import Link from "next/link";
import { utcStamp } from "@/lib/audit/evidence-format";
import { RehearsalBadge } from "@/components/rehearsals/rehearsal-badge";
import type { PromotionRow } from "@/lib/audit/search-promotions";

/** One page of promotions, each linking to its run and its audit view. */
export function PromotionTable({ rows }: { rows: PromotionRow[] }) {
  return (
    <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
      <table
        className="w-full border-collapse [&_td]:px-2 [&_td]:py-1 [&_td]:align-top [&_th]:px-2 [&_th]:py-1"
        data-testid="promotions"
      >
        <thead>
          <tr className="text-left text-slate-600">
            <th className="py-1">Run</th>
            <th>Title</th>
            <th>Template</th>
            <th>Version</th>
            <th>Status</th>
            <th>Result</th>
            <th>Window / created (UTC)</th>
            <th>By</th>
            <th>Progress</th>
            <th>
              <span className="sr-only">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.number} className="border-t border-slate-200" data-testid="promotion-row">
              <td className="py-1">
                <Link className="text-blue-700 underline" href={`/runs/${r.number}`}>
                  #{r.number}
                </Link>
              </td>
              <td>
                {r.title}
                <RehearsalBadge rehearsal={r.rehearsal} />
              </td>
              <td>{r.template}</td>
              <td>{r.version ?? "—"}</td>
              <td>{r.status}</td>
              <td>{r.result ?? "—"}</td>
              <td className="whitespace-nowrap">
                {utcStamp(r.windowStart ?? r.createdAt).replace(" UTC", "")}
              </td>
              <td>@{r.createdBy}</td>
              <td>
                {r.done}/{r.total}
              </td>
              <td>
                <Link className="text-blue-700 underline" href={`/runs/${r.number}/audit`}>
                  Audit
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
