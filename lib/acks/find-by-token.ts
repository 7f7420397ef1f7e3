import "server-only";
import type { db, Tx } from "@/lib/db";
import { GoneError, NotFoundError } from "@/lib/errors";
import type { AckLinkView } from "@/lib/acks/ack-view";
import { runSummaryInclude, toRunSummary } from "@/lib/acks/run-summary";
import { hashSecretToken, looksLikeSecretToken } from "@/lib/security/secret-token";

export const LINK_NOT_VALID = "This link is not valid.";
export const LINK_EXPIRED = "This run is closed; the link has expired.";

/**
 * The subscriber a link token belongs to, found by the token's hash. An unknown,
 * altered, replaced or removed link gets the same answer, which says nothing about
 * any run; a link of a closed run has expired.
 */
export async function findByToken(client: Tx | ReturnType<typeof db>, token: string) {
  if (!looksLikeSecretToken(token)) throw new NotFoundError(LINK_NOT_VALID);
  const sub = await client.runSubscriber.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    include: { run: { include: runSummaryInclude } },
  });
  if (!sub || sub.removedAt) throw new NotFoundError(LINK_NOT_VALID);
  if (sub.run.status !== "open") throw new GoneError(LINK_EXPIRED);
  return sub;
}

export function toAckLinkView(
  sub: Awaited<ReturnType<typeof findByToken>>,
  acknowledgedAt: Date | null,
): AckLinkView {
  return {
    run: toRunSummary(sub.run),
    subscriber: { name: sub.name, groupName: sub.groupName },
    acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
  };
}
