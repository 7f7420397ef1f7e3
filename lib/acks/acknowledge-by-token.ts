import "server-only";
import { db } from "@/lib/db";
import { lockStream, streamFor } from "@/lib/audit/append-event";
import type { AckLinkView } from "@/lib/acks/ack-view";
import { findByToken, toAckLinkView } from "@/lib/acks/find-by-token";
import { recordAck } from "@/lib/acks/record-ack";

/**
 * Acknowledges through a personal link. No session is needed: the token is the
 * authority, and it only ever reaches the one subscription it was issued for.
 * Using it again is harmless and keeps the first time.
 */
export async function acknowledgeByToken(token: string): Promise<AckLinkView> {
  const { runId } = await findByToken(db(), token);
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(runId));
    // Read again under the lock: the link may have been replaced, removed or closed meanwhile.
    const sub = await findByToken(tx, token);
    const at = await recordAck(tx, sub, { via: "link", actorId: null });
    return toAckLinkView(sub, at);
  });
}
