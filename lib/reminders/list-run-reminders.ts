import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { runReadScope } from "@/lib/runs/read-scope";

export type RunReminderView = {
  id: string;
  phase: string;
  kind: "lead" | "overdue";
  dueAt: string;
  fireAt: string;
  status: "pending" | "sending" | "sent" | "cancelled" | "failed";
  sentAt: string | null;
  /** Why it was cancelled or failed, or the last error of a reminder being retried. */
  note: string | null;
  attempts: number;
};

/** A run's reminders in time order, for those who may read the run. */
export async function listRunReminders({
  actor,
  runId,
}: {
  actor: Actor | null;
  runId: string;
}): Promise<RunReminderView[]> {
  const run = await db().run.findFirst({
    where: { id: runId, ...runReadScope(actor) },
    select: { id: true },
  });
  if (!run) throw new NotFoundError("That run does not exist.");
  const rows = await db().runReminder.findMany({
    where: { runId },
    include: { section: { select: { title: true, position: true } } },
    orderBy: [{ fireAt: "asc" }, { section: { position: "asc" } }],
  });
  return rows.map((r) => ({
    id: r.id,
    phase: r.section.title,
    kind: r.kind as RunReminderView["kind"],
    dueAt: r.dueAt.toISOString(),
    fireAt: r.fireAt.toISOString(),
    status: r.status as RunReminderView["status"],
    sentAt: r.sentAt?.toISOString() ?? null,
    note: r.reason ?? r.lastError,
    attempts: r.attempts,
  }));
}
