import type { DiffLine } from "@/lib/templates/diff-definitions";
import type { VersionDiff } from "@/lib/templates/diff-versions";

const MARK: Record<DiffLine["change"], string> = { same: " ", changed: "~", added: "+", removed: "−" };

function Line({ line }: { line: DiffLine }) {
  if (line.change === "changed") {
    return (
      <li data-change="changed" className="rounded bg-amber-50 px-2 py-1">
        <span className="mr-2 font-mono text-amber-700" aria-hidden>
          {MARK.changed}
        </span>
        <span className="sr-only">Changed: </span>
        <del className="text-red-800">{line.before}</del>
        <span className="mx-2 text-slate-600" aria-hidden>
          →
        </span>
        <ins className="text-emerald-800 no-underline">{line.after}</ins>
      </li>
    );
  }
  const added = line.change === "added";
  return (
    <li
      data-change={line.change}
      className={
        added
          ? "rounded bg-emerald-50 px-2 py-1 text-emerald-900"
          : "rounded bg-red-50 px-2 py-1 text-red-900"
      }
    >
      <span className="mr-2 font-mono" aria-hidden>
        {MARK[line.change]}
      </span>
      <span className="sr-only">{added ? "Added: " : "Removed: "}</span>
      {added ? line.after : line.before}
    </li>
  );
}

/** The changes between two versions, grouped by what they belong to; unchanged lines are only counted. */
export function VersionDiffView({ diff }: { diff: VersionDiff }) {
  const changed = diff.groups
    .map((g) => ({ ...g, lines: g.lines.filter((l) => l.change !== "same") }))
    .filter((g) => g.lines.length > 0);
  const unchanged = diff.groups.reduce((n, g) => n + g.lines.filter((l) => l.change === "same").length, 0);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="diff-summary">
        {diff.counts.changed} changed · {diff.counts.added} added · {diff.counts.removed} removed ·{" "}
        {unchanged} unchanged
      </p>
      {changed.length === 0 && <p className="text-sm">No differences.</p>}
      {changed.map((g, n) => (
        <section key={n} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">{g.title}</h2>
          <ul className="space-y-1 text-sm">
            {g.lines.map((l, i) => (
              <Line key={i} line={l} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
