import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { GoneError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { appUrl } from "@/lib/env";
import { hashSecretToken, newSecretToken } from "@/lib/security/secret-token";
import { buildCalendar } from "@/lib/calendar/build-ics";
import { calendarRuns } from "@/lib/calendar/run-calendar";
import { DEFAULT_WINDOW_MINUTES } from "@/lib/maintenance/desired-maintenance";

export const FEED_REVOKED =
  "This calendar feed was revoked. Create a new feed URL under Settings → Calendar.";

const feedUrl = (token: string) => `${appUrl()}/calendar/${token}.ics`;

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** Whether the person has a feed, and since when; the URL itself is shown only when made. */
export async function getCalendarFeed({ actor }: { actor: Actor | null }) {
  const me = signedIn(actor);
  const feed = await db().calendarFeed.findFirst({
    where: { userId: me.id, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return feed ? { createdAt: feed.createdAt.toISOString() } : null;
}

/**
 * A new private feed URL for the person; any earlier one stops working. Only the token's
 * SHA-256 is stored, so the URL is shown this once.
 */
export async function createCalendarFeed({
  actor,
}: {
  actor: Actor | null;
}): Promise<{ url: string; createdAt: string }> {
  const me = signedIn(actor);
  const { token, hash } = newSecretToken();
  const feed = await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const revoked = await tx.calendarFeed.updateMany({
      where: { userId: me.id, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.calendarFeed.create({
      data: { userId: me.id, tokenHash: hash, createdAt: now },
    });
    await appendAuditEvent(tx, {
      actorId: me.id,
      action: "calendar_feed.created",
      payload: { feedId: created.id, earlierRevoked: revoked.count },
      at: now,
    });
    return created;
  });
  return { url: feedUrl(token), createdAt: feed.createdAt.toISOString() };
}

/** Ends the person's feed: its URL answers 410 from now on. */
export async function revokeCalendarFeed({ actor }: { actor: Actor | null }): Promise<{ revoked: number }> {
  const me = signedIn(actor);
  return db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const revoked = await tx.calendarFeed.updateMany({
      where: { userId: me.id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (revoked.count)
      await appendAuditEvent(tx, {
        actorId: me.id,
        action: "calendar_feed.revoked",
        payload: { revoked: revoked.count },
        at: now,
      });
    return { revoked: revoked.count };
  });
}

/**
 * The feed behind a token: the open runs with a window not yet over that the person is part
 * of (started, completes, is assigned an item in, approves, or is subscribed to). The token is
 * the authority, as for an acknowledgement link; a revoked one, or one of a deactivated
 * account, is refused as gone.
 */
export async function readCalendarFeed(token: string, now = new Date()): Promise<string> {
  const feed = await db().calendarFeed.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    include: { user: true },
  });
  if (!feed) throw new NotFoundError("No such calendar feed.");
  if (feed.revokedAt) throw new GoneError(FEED_REVOKED);
  if (!feed.user.active) throw new GoneError("This calendar feed's account is deactivated.");
  const userId = feed.userId;
  // A window without an end counts as DEFAULT_WINDOW_MINUTES long, as in its event.
  const recent = new Date(now.getTime() - DEFAULT_WINDOW_MINUTES * 60_000);
  const runs = await calendarRuns({
    status: "open",
    OR: [{ windowEnd: { gt: now } }, { windowEnd: null, windowStart: { gt: recent } }],
    AND: [
      {
        OR: [
          { createdById: userId },
          { assignees: { some: { userId } } },
          { items: { some: { assigneeId: userId } } },
          { approvers: { some: { userId } } },
          { subscribers: { some: { userId, removedAt: null } } },
        ],
      },
    ],
  });
  return buildCalendar(`Runsheet: ${feed.user.name}`, runs, now);
}
