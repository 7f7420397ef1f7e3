import "server-only";
import { db } from "@/lib/db";
import { lockStream, streamFor } from "@/lib/audit/append-event";
import { systemClock, type Clock } from "@/lib/reminders/clock";
import { syncRunReminders } from "@/lib/reminders/sync-reminders";

/**
 * Plans the reminders of every open run with a window, and cancels those of runs that
 * closed. Changes that do not pass through setRunWindow (a window recorded by an item, a
 * template's new lead times, a tick that finished a phase) reach the rows this way.
 */
export async function syncOpenRuns(opts: { clock?: Clock } = {}): Promise<number> {
  const now = (opts.clock ?? systemClock)();
  const runs = await db().run.findMany({
    where: {
      OR: [{ status: "open", windowStart: { not: null } }, { reminders: { some: { status: "pending" } } }],
    },
    select: { id: true },
  });
  for (const { id } of runs)
    await db().$transaction(async (tx) => {
      await lockStream(tx, streamFor(id));
      await syncRunReminders(tx, id, now);
    });
  return runs.length;
}
