import "server-only";
import { after } from "next/server";
import type { Actor } from "@/lib/auth/permissions";
import { sendAckRequests } from "@/lib/acks/send-ack-requests";
import { logger } from "@/lib/log/logger";

/**
 * Emails a new run's subscribers after the answer is sent, so a slow mail server does not
 * hold up whoever started it; the roster shows each outcome as it lands.
 */
export function sendAckRequestsAfter({ actor, runId }: { actor: Actor; runId: string }) {
  after(() =>
    sendAckRequests({ actor, runId, onlyPending: true }).catch((err: unknown) =>
      logger.error({ err, runId }, "acknowledgement requests failed"),
    ),
  );
}
