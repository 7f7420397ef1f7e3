import "server-only";
import { requireRunPermission } from "@/lib/teams/run-access";
import { DateTime } from "luxon";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { inRunTransaction } from "@/lib/runs/run-transaction";
import { runDefinition, setRunField } from "@/lib/runs/flow-effects";
import { flowFields } from "@/lib/runs/flow-fields";
import { syncRunReminders } from "@/lib/reminders/sync-reminders";
import { wakeRemindersAt } from "@/lib/reminders/reminder-jobs";
import { queueMaintenanceSync } from "@/lib/maintenance/maintenance-jobs";
import { syncRunTimedAnnouncements } from "@/lib/announcements/sync-timed-announcements";
import { wakeTimedAnnouncementsAt } from "@/lib/announcements/timed-announcement-jobs";

/** Sets the maintenance window from local times in an IANA time zone; stored in UTC. */
export async function setRunWindow(input: {
  actor: Actor | null;
  runId: string;
  start: string;
  end?: string | null;
  timeZone: string;
}) {
  const actor = await requireRunPermission(input.actor, input.runId, "runs.write");
  const zoneOk = DateTime.local().setZone(input.timeZone).isValid;
  if (!zoneOk)
    throw new ValidationError("Unknown time zone.", {
      timeZone: ["Not an IANA time zone, e.g. Europe/Berlin"],
    });
  const start = DateTime.fromISO(input.start, { zone: input.timeZone });
  if (!start.isValid)
    throw new ValidationError("The window start is not a date and time.", { start: ["Not a date and time"] });
  const end = input.end ? DateTime.fromISO(input.end, { zone: input.timeZone }) : null;
  if (end && (!end.isValid || end <= start))
    throw new ValidationError("The window must end after it starts.", { end: ["Must be after the start"] });

  const { window, reminders, timed } = await inRunTransaction(input.runId, async ({ tx, run, now }) => {
    const windowStart = start.toJSDate();
    const windowEnd = end?.toJSDate() ?? null;
    await tx.run.update({
      where: { id: run.id },
      data: { windowStart, windowEnd, windowTimeZone: input.timeZone },
    });
    const field = flowFields((await runDefinition(tx, run)).fields).window;
    if (field) await setRunField(tx, run, field.key, start.toUTC().toISO()!);
    await appendAuditEvent(tx, {
      runId: run.id,
      actorId: actor.id,
      action: "run.window_set",
      payload: {
        from: run.windowStart
          ? {
              start: run.windowStart.toISOString(),
              end: run.windowEnd?.toISOString() ?? null,
              timeZone: run.windowTimeZone,
            }
          : null,
        to: {
          start: windowStart.toISOString(),
          end: windowEnd?.toISOString() ?? null,
          timeZone: input.timeZone,
        },
      },
      at: now,
    });
    const window = {
      windowStart: windowStart.toISOString(),
      windowEnd: windowEnd?.toISOString() ?? null,
      timeZone: input.timeZone,
    };
    const reminders = await syncRunReminders(tx, run.id, now);
    return { window, reminders, timed: await syncRunTimedAnnouncements(tx, run.id, now) };
  });
  await wakeRemindersAt(reminders);
  await wakeTimedAnnouncementsAt(timed);
  await queueMaintenanceSync(input.runId);
  return window;
}
