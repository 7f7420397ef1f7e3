import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/** The fields of an audit event that its hash covers, in the form they are stored. */
export type HashedEventFields = {
  stream: string;
  seq: number;
  runId: string | null;
  actorId: string | null;
  action: string;
  itemId: string | null;
  payload: unknown;
  createdAt: string; // ISO-8601 UTC with milliseconds
  prevHash: string | null;
};

/**
 * sha256 over the RFC 8785 canonical JSON of the event, so that the chain can be
 * recomputed offline by anyone with the exported events and any JSON library.
 */
export function hashEvent(fields: HashedEventFields): string {
  const canonical = canonicalize(fields);
  if (canonical === undefined) throw new Error("audit event is not serialisable");
  return createHash("sha256").update(canonical).digest("hex");
}
