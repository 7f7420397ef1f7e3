"use client";

import type { PersonRef, RunView } from "@/lib/runs/run-view";

const SHOWN = 3;

/**
 * The first items that can be worked on now, the viewer's own first: where to look next
 * in a checklist of fifty. A click moves focus to the item.
 */
export function NextUp(props: { run: RunView; me: PersonRef; render: (text: string) => string }) {
  const { run } = props;
  const phase = new Map(run.sections.map((s) => [s.id, s.title.split(":")[0]]));
  const available = run.items.filter(
    (i) => i.state === "open" && run.availability?.[i.id]?.available !== false,
  );
  // Parents whose children are still open wait for them; show the leaves that can move.
  const parents = new Set(available.map((i) => i.parentId).filter(Boolean));
  const leaves = available.filter((i) => !parents.has(i.id));
  const mine = leaves.filter((i) => i.assignee?.id === props.me.id);
  const next = [...mine, ...leaves.filter((i) => i.assignee?.id !== props.me.id)].slice(0, SHOWN);
  if (run.status !== "open" || next.length === 0) return null;
  return (
    <section
      aria-labelledby="next-up"
      className="rounded-lg border border-sky-300 bg-sky-50 p-3 text-sm"
      data-testid="next-up"
    >
      <h2 id="next-up" className="font-semibold">
        Next up
      </h2>
      <ul className="mt-1 space-y-1">
        {next.map((i) => (
          <li key={i.id} className="flex min-w-0 items-baseline gap-2">
            <span className="shrink-0 font-mono text-xs text-slate-700">{i.path}</span>
            <a
              href={`#item-${i.id}`}
              className="min-w-0 truncate text-blue-800 underline"
              title={props.render(i.text)}
              onClick={(e) => {
                const row = document.getElementById(`item-${i.id}`);
                if (!row || row.offsetParent === null) return;
                e.preventDefault();
                row.focus();
                row.scrollIntoView({ block: "center" });
              }}
            >
              {props.render(i.text)}
            </a>
            <span className="shrink-0 text-xs text-slate-700">
              {phase.get(i.sectionId)}
              {i.assignee ? ` · @${i.assignee.handle}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
