import "server-only";
import { registerHandler } from "@/lib/jobs/queue";
import { startReminderWorkers } from "@/lib/reminders/reminder-jobs";
import { startMaintenanceWorkers } from "@/lib/maintenance/maintenance-jobs";
import { startTimedAnnouncementWorkers } from "@/lib/announcements/timed-announcement-jobs";
import { deliverNotificationJob } from "@/lib/notify/deliver";
import { NOTIFY_DELIVER } from "@/lib/notify/notify-job";
import { deliverWebhookJob } from "@/lib/webhooks/deliver-webhook";
import { WEBHOOK_DELIVER } from "@/lib/webhooks/webhook-job";

/**
 * Starts this process's workers: every job name the app handles, with its handler. The
 * server process also runs the minute sweeps (reminders, Statuspage maintenance); a test
 * that starts workers for its own jobs leaves them off.
 */
export async function startWorkers(opts: { sweeps?: boolean } = {}): Promise<void> {
  await registerHandler(NOTIFY_DELIVER, deliverNotificationJob, { pollingIntervalSeconds: 1 });
  await registerHandler(WEBHOOK_DELIVER, deliverWebhookJob, { pollingIntervalSeconds: 1 });
  await startReminderWorkers(opts);
  await startMaintenanceWorkers(opts);
  await startTimedAnnouncementWorkers(opts);
}
