import "server-only";
import { db, type Tx } from "@/lib/db";
import type { SubscriberDraft } from "@/lib/acks/resolve-subscribers";
import { insertSubscribers } from "@/lib/acks/insert-subscribers";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { resolveHandles } from "@/lib/users/resolve-handles";

/** The audit event naming /cc handles no active user has. */
export const CC_UNRESOLVED = "run.cc_unresolved";

export const CC_GROUP = { key: "cc", name: "Copied (/cc)" } as const;

/** `@Group`, `_REPLACE_WITH_@Group` or `Group` → "group"; the template may still hold its placeholder. */
export function ccHandle(entry: string): string {
  return entry
    .replace(/_REPLACE_WITH_/gi, "")
    .replace(/\s+/g, "")
    .replace(/^@/, "")
    .toLowerCase();
}

/**
 * The template's `/cc` handles and groups as subscribers who are informed, not asked to
 * acknowledge. A handle (a person, or a team's shared account standing for a group) must be
 * an active user; the rest come back as `unknown`, for the run to report rather than drop.
 * People already asked to acknowledge are not copied a second time.
 */
export async function resolveCcSubscribers(
  cc: string[],
  asked: SubscriberDraft[],
  client: Tx | ReturnType<typeof db> = db(),
): Promise<{ drafts: SubscriberDraft[]; unknown: string[] }> {
  const handles = [...new Set(cc.map(ccHandle).filter(Boolean))];
  const { users, unknown } = await resolveHandles(handles, client);
  const askedEmails = new Set(asked.map((a) => a.email));
  const drafts = users
    .filter((u) => !askedEmails.has(u.email.toLowerCase()))
    .map((u) => ({
      groupKey: CC_GROUP.key,
      groupName: CC_GROUP.name,
      kind: "cc" as const,
      userId: u.id,
      email: u.email.toLowerCase(),
      name: u.name,
    }));
  return { drafts, unknown: unknown.map((h) => `@${h}`) };
}

/**
 * A new run's subscribers, inside its transaction: those asked to acknowledge and those
 * copied. /cc handles nobody has are reported in an audit event (the roster shows it), not
 * dropped, and the run starts anyway.
 */
export async function insertRunSubscribers(
  tx: Tx,
  input: {
    runId: string;
    actorId: string;
    asked: SubscriberDraft[];
    copied: { drafts: SubscriberDraft[]; unknown: string[] };
    now: Date;
  },
) {
  const { runId, actorId, now } = input;
  await insertSubscribers(tx, { runId, actorId, list: [...input.asked, ...input.copied.drafts], now });
  if (input.copied.unknown.length)
    await appendAuditEvent(tx, {
      runId,
      actorId,
      action: CC_UNRESOLVED,
      payload: { handles: input.copied.unknown, reason: "no active user has this handle" },
      at: now,
    });
}
