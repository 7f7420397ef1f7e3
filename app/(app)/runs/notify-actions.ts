"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { CHANNEL_TYPES } from "@/lib/templates/definition";
import { previewNotification } from "@/lib/notify/preview-notification";
import { sendNotification } from "@/lib/notify/send-notification";
import { retryNotification } from "@/lib/notify/retry-notification";

const announcementRef = z.object({ runId: z.uuid(), itemId: z.uuid() });

export async function previewNotificationAction(input: unknown) {
  return runAction(announcementRef, input, (actor, data) => previewNotification({ actor, ...data }));
}

export async function sendNotificationAction(input: unknown) {
  return runAction(
    announcementRef.extend({ channels: z.array(z.enum(CHANNEL_TYPES)).min(1).max(3).optional() }),
    input,
    (actor, data) => sendNotification({ actor, ...data }),
  );
}

export async function retryNotificationAction(input: unknown) {
  return runAction(z.object({ runId: z.uuid(), notificationId: z.uuid() }), input, (actor, data) =>
    retryNotification({ actor, ...data }),
  );
}
