import "server-only";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/queue";

export const NOTIFY_DELIVER = "notify.deliver";

export type NotifyJob = { notificationId: string };

/**
 * Queues the delivery of one notifications row. The row, not the job, is the unit of
 * sending: the handler claims it before calling the channel, so a second job for the
 * same row (a repeated enqueue, a Retry) finds it taken or delivered and does nothing.
 */
export function enqueueDelivery(
  notificationId: string,
  opts: { startAfter?: Date; retryLimit?: number } = {},
): Promise<string | null> {
  const { NOTIFY_RETRY_LIMIT, NOTIFY_RETRY_DELAY_SECONDS } = env();
  return enqueue<NotifyJob>(
    NOTIFY_DELIVER,
    { notificationId },
    {
      singletonKey: notificationId,
      retryLimit: opts.retryLimit ?? NOTIFY_RETRY_LIMIT,
      retryDelay: NOTIFY_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      // Longer than every adapter's timeout: an expired attempt counts as a failed one.
      expireInSeconds: 120,
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
    },
  );
}
