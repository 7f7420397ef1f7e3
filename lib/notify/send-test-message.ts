import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { composeMessage } from "@/lib/notify/compose-message";
import { resolveTarget } from "@/lib/notify/resolve-target";
import { deliverTo } from "@/lib/notify/channels/deliver-to";
import { DeliveryError } from "@/lib/notify/channels/delivery-error";
import { readStatuspage } from "@/lib/notify/channels/statuspage";
import { testMessageContext } from "@/lib/notify/integration-targets";
import type { Channel } from "@/lib/notify/target-config";
import { settingsTeam } from "@/lib/team-settings/team-access";
import { NotFoundError } from "@/lib/errors";

/** Who may test: an admin of integrations for the workspace's targets, teams.integrations in a team for its own. */
async function tester(actor: Actor | null, teamSlug: string | undefined) {
  if (teamSlug === undefined)
    return { who: requirePermission(actor, "integrations.admin"), teamId: undefined, team: undefined };
  const { team, actor: who } = await settingsTeam(actor, teamSlug, "teams.integrations");
  return { who, teamId: team.id, team: team.slug };
}

export type TestMessageResult = { ok: true; evidence: string } | { ok: false; error: string };

/**
 * Sends a test message to one target now, through the same adapter announcements use, so
 * an admin sees the provider's real answer; the attempt and its outcome are audited. With
 * `team`, the team's own target of that name is tested, by someone with teams.integrations there.
 */
export async function sendTestMessage({
  actor,
  ...input
}: {
  actor: Actor | null;
  channel: Channel;
  name: string;
  team?: string;
}): Promise<TestMessageResult> {
  const { who, teamId, team } = await tester(actor, input.team);
  // Testing the production destination itself, not a run's route to it.
  const target = await resolveTarget(input.channel, input.name, { rehearsal: false, teamId });
  if (team && target.scope !== "team") throw new NotFoundError("The team has no target of that name.");
  const composed = composeMessage(
    input.channel,
    `Test message from Runsheet for ${input.channel} target “${input.name}”, sent by ${who.name} (@${who.handle}).`,
    testMessageContext(),
    target.ok && target.channel === "statuspage" ? target.config : undefined,
  );
  let result: TestMessageResult;
  try {
    // A status page's subscribers must not get a test incident: reading the page proves the key and the id.
    const delivered =
      target.ok && target.channel === "statuspage"
        ? await readStatuspage({ ...target, pageId: target.config.pageId })
        : await deliverTo(target, composed);
    result = { ok: true, evidence: delivered.summary };
  } catch (err) {
    // Only our own messages (which never hold a secret) are shown; anything else is logged.
    if (!(err instanceof DeliveryError)) console.error("test message failed", err);
    result = {
      ok: false,
      error: err instanceof DeliveryError ? err.message : "The test message failed unexpectedly.",
    };
  }
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    await appendAuditEvent(tx, {
      actorId: who.id,
      action: "integration_target.tested",
      payload: { channel: input.channel, name: input.name, ...(team ? { team } : {}), ...result },
      at: new Date(),
    });
  });
  return result;
}
