import type { QuickActionDef } from "./definition";

/** A GitLab quick action: a slash command at the start of its own line ("/label ~release"). */
export const QUICK_ACTION_LINE = /^\/([a-z_]+)(?:[ \t]+(.*))?$/;

/** Each line of a paragraph of quick actions, as written. */
export function readQuickActions(markdown: string, firstLine: number): QuickActionDef[] {
  return markdown.split("\n").flatMap((raw, i) => {
    const m = QUICK_ACTION_LINE.exec(raw.trim());
    return m ? [{ command: m[1]!, args: (m[2] ?? "").trim(), raw: raw.trim(), line: firstLine + i }] : [];
  });
}

/** What the quick actions of a template suggest for a run started from it. */
export type QuickActionHints = {
  /** `/assign @a @b`: people to suggest as completers. */
  assignees: string[];
  /** `/label ~release ~"needs review"`: labels for the run. */
  labels: string[];
  milestone: string | null;
  /** `/due in 2 days`, `/due 2026-12-01`: as written; suggests the window. */
  due: string | null;
};

export function quickActionHints(actions: readonly QuickActionDef[] | undefined): QuickActionHints {
  const hints: QuickActionHints = { assignees: [], labels: [], milestone: null, due: null };
  for (const a of actions ?? []) {
    if (a.command === "assign") {
      for (const h of a.args.match(/@[\w.\-/]+|`[^`]+`/g) ?? [])
        if (!hints.assignees.includes(h)) hints.assignees.push(h);
    } else if (a.command === "label") {
      for (const m of a.args.matchAll(/~"([^"]+)"|~([^\s~]+)/g)) {
        const label = m[1] ?? m[2]!;
        if (!hints.labels.includes(label)) hints.labels.push(label);
      }
    } else if (a.command === "milestone") {
      hints.milestone = a.args.replace(/^%"?|"$/g, "") || null;
    } else if (a.command === "due") {
      hints.due = a.args || null;
    }
  }
  return hints;
}
