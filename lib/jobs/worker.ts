import "server-only";
import { registerHandler } from "@/lib/jobs/queue";
import { startReminderWorkers } from "@/lib/reminders/reminder-jobs";
import { deliverNotificationJob } from "@/lib/notify/deliver";
import { NOTIFY_DELIVER } from "@/lib/notify/notify-job";
import { deliverWebhookJob } from "@/lib/webhooks/deliver-webhook";
import { WEBHOOK_DELIVER } from "@/lib/webhooks/webhook-job";

/** Starts this process's workers: every job name the app handles, with its handler. */
export async function startWorkers(): Promise<void> {
  await registerHandler(NOTIFY_DELIVER, deliverNotificationJob, { pollingIntervalSeconds: 1 });
  await registerHandler(WEBHOOK_DELIVER, deliverWebhookJob, { pollingIntervalSeconds: 1 });
  await startReminderWorkers();
}
