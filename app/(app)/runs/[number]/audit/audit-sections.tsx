import type { AckRosterView } from "@/lib/acks/ack-view";
import { utcStamp } from "@/lib/audit/evidence-format";
import type { RunView } from "@/lib/runs/run-view";

/** Every Go/No-Go decision, newest first, revisions marked. */
export function AuditDecisions({ decisions }: { decisions: RunView["decisions"] }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">Decisions</h2>
      {decisions.length === 0 ? (
        <p className="text-slate-600">No Go/No-Go decision recorded.</p>
      ) : (
        <ul className="space-y-1" data-testid="audit-decisions">
          {[...decisions].reverse().map((d) => (
            <li key={d.id}>
              <span className="font-semibold">{d.decision}</span> — @{d.decidedBy.handle},{" "}
              {utcStamp(d.decidedAt)}
              {d.supersedesId ? " (revision)" : ""}: {d.rationale}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Who was asked to acknowledge the run, when, and whether and how they did. */
export function AuditAcknowledgements({ roster }: { roster: AckRosterView }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">Acknowledgements</h2>
      {roster.groups.every((g) => g.subscribers.length === 0) ? (
        <p className="text-slate-600">Nobody was asked to acknowledge this run.</p>
      ) : (
        <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
          <table className="w-full border-collapse [&_td]:px-2 [&_td]:py-1 [&_td]:align-top [&_th]:px-2 [&_th]:py-1">
            <thead>
              <tr className="text-left text-slate-600">
                <th className="py-1">Group</th>
                <th>Who</th>
                <th>Asked</th>
                <th>Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {roster.groups.flatMap((g) =>
                g.subscribers.map((s) => (
                  <tr key={s.id} className="border-t border-slate-200">
                    <td className="py-1">{g.name}</td>
                    <td>
                      {s.name}
                      {s.handle ? ` @${s.handle}` : ""}
                    </td>
                    <td>{utcStamp(s.notifiedAt) || "—"}</td>
                    <td>
                      {s.acknowledgedAt
                        ? `${utcStamp(s.acknowledgedAt)}${s.acknowledgedVia ? ` (${s.acknowledgedVia.replace("_", " ")})` : ""}`
                        : "not acknowledged"}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
