"use client";

import type { RunView } from "@/lib/runs/run-view";
import type { SectionSchedule } from "@/lib/runs/schedule";
import { missionClock } from "@/lib/runs/schedule";
import { formatDuration, progressOf, spanOf } from "@/lib/runs/elapsed";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ELAPSED_MEANING } from "@/components/runs/item/item-evidence";

const resultTone: Record<string, BadgeTone> = {
  SUCCEEDED: "solidGood",
  FAILED: "solidBad",
  "NO GO": "solidWarn",
};

const railStyle: Record<string, string> = {
  done: "border-emerald-700 bg-emerald-50 text-emerald-900",
  due: "border-amber-700 bg-amber-50 text-amber-900",
  overdue: "border-red-700 bg-red-50 text-red-900",
  upcoming: "border-slate-400 bg-white text-slate-800",
  none: "border-slate-300 bg-white text-slate-700",
};

/** The phase's short name for the rail: "Phase 3", "Pre-Flight", "Phase 5 GO". */
function shortName(section: { title: string; branch: string | null }) {
  const name = /^(phase \d+)/i.exec(section.title)?.[1] ?? section.title.split(/[:(]/)[0]!.trim();
  return section.branch ? `${name} ${section.branch === "go" ? "GO" : "NO GO"}` : name;
}

/** Short names, told apart where two phases share a number ("Phase 6 Post-Change", "Phase 6 Closing"). */
function railNames(sections: { id: string; title: string; branch: string | null }[]) {
  const names = sections.map(shortName);
  return new Map(
    sections.map((s, i) => {
      const twice = names.filter((n) => n === names[i]).length > 1;
      const first = s.title.split(":")[1]?.trim().split(/\s+/)[0];
      return [s.id, twice && first ? `${names[i]} ${first}` : names[i]!];
    }),
  );
}

/**
 * What stays on screen while the checklist scrolls: the mission clock, progress, the
 * result, and a rail of phases (done, due, overdue) that jumps to each.
 */
export function CockpitBar(props: {
  run: RunView;
  now: Date;
  timings: Map<string, SectionSchedule>;
  sectionDone: (sectionId: string) => boolean;
  onHelp: () => void;
}) {
  const { run, now } = props;
  const progress = progressOf(run.items);
  const total = spanOf(run.items);
  const names = railNames(run.sections);
  return (
    <div
      className="no-print sticky top-0 z-20 -mx-4 border-b border-slate-300 bg-white/95 px-4 py-2 shadow-sm backdrop-blur"
      data-testid="cockpit"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span className="font-mono text-slate-700">#{run.number}</span>
        {run.window && (
          <span
            className="rounded bg-slate-900 px-2 py-0.5 font-mono text-white"
            data-testid="mission-clock"
            title="Time to (T-) or since (T+) the start of the maintenance window"
          >
            {missionClock(new Date(run.window.start), now)}
          </span>
        )}
        <span className="flex items-center gap-2">
          <span className="h-2 w-24 overflow-hidden rounded bg-slate-200 sm:w-40" aria-hidden>
            <span
              className="block h-full bg-emerald-700"
              style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }}
            />
          </span>
          <span data-testid="run-progress">
            {progress.done} of {progress.total} done
          </span>
        </span>
        <span
          data-testid="run-elapsed"
          title={`Time from the first tick's start to the last tick. ${ELAPSED_MEANING}`}
        >
          Elapsed: {formatDuration(total?.elapsedMs)}
        </span>
        {run.result && (
          <Badge tone={resultTone[run.result] ?? "neutral"} data-testid="cockpit-result">
            {run.result}
          </Badge>
        )}
        <button
          type="button"
          onClick={props.onHelp}
          className="ml-auto hidden min-h-6 rounded px-2 text-slate-700 ring-1 ring-slate-300 sm:inline-block"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </div>
      <nav aria-label="Phases" className="relative mt-1 overflow-x-auto">
        <ol className="flex gap-1 text-xs">
          {run.sections.map((s) => {
            const timing = props.sectionDone(s.id) ? "done" : (props.timings.get(s.id)?.timing ?? "none");
            return (
              <li key={s.id} className="shrink-0">
                <a
                  href={`#section-${s.key}`}
                  className={`block min-h-6 rounded border px-2 py-0.5 whitespace-nowrap ${railStyle[timing]}`}
                  title={`${s.title}${timing !== "none" ? ` — ${timing}` : ""}`}
                  data-timing={timing}
                >
                  {names.get(s.id)}
                  {timing === "done" ? " ✓" : timing === "overdue" ? " !" : ""}
                  <span className="sr-only">{timing !== "none" ? `, ${timing}` : ""}</span>
                </a>
              </li>
            );
          })}
        </ol>
      </nav>
    </div>
  );
}
