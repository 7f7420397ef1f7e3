import "server-only";
import { after } from "next/server";
import type { Actor } from "@/lib/auth/permissions";
import { sendAckRequests } from "@/lib/acks/send-ack-requests";
import { logger } from "@/lib/log/logger";
import { informCcSubscribers } from "@/lib/subscriptions/inform-cc-subscribers";

/**
 * Emails a new run's subscribers (asking those of the acknowledgement groups, telling the
 * /cc ones) after the answer is sent, so a slow mail server does not
 * hold up whoever started it; the roster shows each outcome as it lands.
 */
export function sendAckRequestsAfter({ actor, runId }: { actor: Actor; runId: string }) {
  after(async () => {
    await sendAckRequests({ actor, runId, onlyPending: true }).catch((err: unknown) =>
      logger.error({ err, runId }, "acknowledgement requests failed"),
    );
    await informCcSubscribers({ runId }).catch((err: unknown) =>
      logger.error({ err, runId }, "telling the /cc subscribers failed"),
    );
  });
}
