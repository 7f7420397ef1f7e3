import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { createRun } from "@/lib/runs/create-run";
import { importSeedTemplate, SEED_SLUG } from "@/test/fixtures";

/** The seed template's acknowledgement groups. */
export const AUDITORS = "auditors-listeners";
export const TEAM = "changeset-team-acknowledgements";

/** A seed run started with these acknowledgement lists. */
export async function runWithSubscribers(
  actor: Actor,
  subscribers: Record<string, string>,
  fields: Record<string, string> = {},
) {
  await importSeedTemplate();
  return createRun({
    actor,
    templateSlug: SEED_SLUG,
    fields: { promotionDate: "2026-12-01", changesetVersion: "4.3", ...fields },
    subscribers,
  });
}

export function subscribersOf(runId: string) {
  return db().runSubscriber.findMany({ where: { runId }, orderBy: [{ createdAt: "asc" }, { name: "asc" }] });
}

export function eventsOf(runId: string) {
  return db().auditEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });
}

export function tokenOf(url: string): string {
  const token = /\/ack\/([A-Za-z0-9_-]{43})$/.exec(url)?.[1];
  if (!token) throw new Error(`not an acknowledgement link: ${url}`);
  return token;
}

export { expectRejection } from "@/test/assertions";
