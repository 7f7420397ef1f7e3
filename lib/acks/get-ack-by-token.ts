import "server-only";
import { db } from "@/lib/db";
import type { AckLinkView } from "@/lib/acks/ack-view";
import { findByToken, toAckLinkView } from "@/lib/acks/find-by-token";

/**
 * What the link page shows before anyone clicks. Opening the link acknowledges
 * nothing: mail scanners fetch links too, so only the button's POST counts.
 */
export async function getAckByToken(token: string): Promise<AckLinkView> {
  const sub = await findByToken(db(), token);
  return toAckLinkView(sub, sub.acknowledgedAt);
}
