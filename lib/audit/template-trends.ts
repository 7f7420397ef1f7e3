import "server-only";
import { requireTemplatePermission } from "@/lib/teams/run-access";
import { db } from "@/lib/db";
import { type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { lateItems } from "@/lib/audit/timeline";

export type TemplateTrends = {
  /** Section titles in the order of the newest run, as series of the duration chart. */
  phases: string[];
  /** One point per run, oldest first: minutes from first to last tick of each phase. */
  durations: ({ number: number; label: string } & Record<string, number | string | null>)[];
  /** Items most often ticked after their section's slot, or skipped. */
  items: { section: string; path: string; text: string; late: number; skipped: number }[];
  outcomes: Record<"SUCCEEDED" | "NO GO" | "FAILED" | "none", number>;
  /** NO GO and FAILED runs with the rationale of their last decision. */
  failures: {
    number: number;
    title: string;
    result: string;
    rationale: string | null;
    decidedBy: string | null;
  }[];
  runs: number;
};

/** How the last `take` runs of a template went, phase by phase; rehearsals only when asked for. */
export async function templateTrends({
  actor: maybeActor,
  slug,
  ...opts
}: { actor: Actor | null; slug: string } & {
  take?: number;
  includeRehearsals?: boolean;
}): Promise<TemplateTrends> {
  await requireTemplatePermission(maybeActor, { slug }, "audit.read");
  const template = await db().template.findUnique({ where: { slug }, select: { id: true } });
  if (!template) throw new NotFoundError(`Template ${slug} does not exist.`);
  const runs = await db().run.findMany({
    where: {
      templateVersion: { templateId: template.id },
      ...(opts.includeRehearsals ? {} : { rehearsal: false }),
    },
    orderBy: { number: "desc" },
    take: Math.min(Math.max(opts.take ?? 10, 1), 100),
    select: {
      id: true,
      number: true,
      title: true,
      result: true,
      fields: true,
      windowStart: true,
      windowTimeZone: true,
      sections: { orderBy: { position: "asc" }, select: { id: true, title: true, offsetMinutes: true } },
      items: {
        orderBy: { position: "asc" },
        select: { id: true, sectionId: true, path: true, text: true, state: true, doneAt: true },
      },
      decisions: {
        orderBy: { decidedAt: "desc" },
        take: 1,
        select: { rationale: true, decidedBy: { select: { handle: true } } },
      },
    },
  });
  const phases = runs[0]?.sections.map((s) => s.title) ?? [];
  const tally = new Map<string, TemplateTrends["items"][number]>();
  const outcomes: TemplateTrends["outcomes"] = { SUCCEEDED: 0, "NO GO": 0, FAILED: 0, none: 0 };
  const durations: TemplateTrends["durations"] = [];
  const failures: TemplateTrends["failures"] = [];

  for (const run of [...runs].reverse()) {
    const title = new Map(run.sections.map((s) => [s.id, s.title]));
    const items = run.items.map((i) => ({ ...i, doneAt: i.doneAt?.toISOString() ?? null }));
    const point: TemplateTrends["durations"][number] = { number: run.number, label: `#${run.number}` };
    for (const s of run.sections) {
      const ticks = items.filter((i) => i.sectionId === s.id && i.doneAt).map((i) => Date.parse(i.doneAt!));
      point[s.title] = ticks.length
        ? Math.round((Math.max(...ticks) - Math.min(...ticks)) / 6_000) / 10
        : null;
    }
    durations.push(point);

    const late = new Set(
      lateItems({
        sections: run.sections,
        window: run.windowStart
          ? { start: run.windowStart.toISOString(), timeZone: run.windowTimeZone }
          : null,
        items,
      }).map((i) => i.id),
    );
    for (const i of items) {
      const isLate = late.has(i.id);
      if (!isLate && i.state !== "skipped") continue;
      const section = title.get(i.sectionId) ?? "";
      const key = `${section}\u0000${i.path}`;
      const entry = tally.get(key) ?? { section, path: i.path, text: i.text, late: 0, skipped: 0 };
      if (isLate) entry.late++;
      if (i.state === "skipped") entry.skipped++;
      tally.set(key, entry);
    }

    const result = (run.result ?? "none") as keyof TemplateTrends["outcomes"];
    if (result in outcomes) outcomes[result]++;
    if (run.result === "NO GO" || run.result === "FAILED") {
      failures.push({
        number: run.number,
        title: run.title,
        result: run.result,
        rationale: run.decisions[0]?.rationale ?? null,
        decidedBy: run.decisions[0]?.decidedBy.handle ?? null,
      });
    }
  }
  return {
    phases,
    durations,
    items: [...tally.values()].sort((a, b) => b.late + b.skipped - (a.late + a.skipped)).slice(0, 10),
    outcomes,
    failures: failures.reverse(),
    runs: runs.length,
  };
}
