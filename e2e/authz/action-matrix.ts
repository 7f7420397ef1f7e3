import type { MatrixContext, Who } from "./context";
import { AUDREY } from "../support/auth";
import { withDb } from "../support/db";

/**
 * Every server action, and what each kind of caller must get back. A new action fails
 * the completeness test until it is listed here. `code` is the `code` of the action's
 * `{ ok: false }` answer.
 */
export type ActionCase = {
  input: (ctx: MatrixContext) => Promise<unknown> | unknown;
  /** Callers who must be refused, with the code they get. Always includes anonymous. */
  refused: Partial<Record<Who, string>>;
  /** An object of another run, template or user that the caller may not touch. */
  crossObject?: { as: Who; input: (ctx: MatrixContext) => Promise<unknown> | unknown; code: string };
  /** Why there is no cross-object case. */
  noCrossObject?: string;
  /** A caller who may: proves the call reaches the action at all. */
  allowed?: Who;
  /**
   * What an operator of another team gets with the same input, when it is not what an
   * operator of this team is refused with, or "not_found" (another team's object does not
   * exist for them): a code, or "allowed" for what is not a team's (one's own account), or
   * "skip" for an action on one's own sessions only.
   */
  otherTeam?: string;
};

const runsFile = "app/(app)/runs/actions.ts";
const platformTeamId = () =>
  withDb(
    async (c) => (await c.query<{ id: string }>("SELECT id FROM teams WHERE slug = 'platform'")).rows[0]!.id,
  );
const itemRef = async (ctx: MatrixContext) => {
  const item = await ctx.runA.item();
  return { runId: ctx.runA.id, itemId: item.id, version: item.version };
};
const foreignItemRef = async (ctx: MatrixContext) => {
  const item = await ctx.runB.item();
  return { runId: ctx.runA.id, itemId: item.id, version: item.version };
};
const writeRefused = { anonymous: "unauthenticated", auditor: "forbidden", subscriber: "forbidden" };

export const ACTION_MATRIX: Record<string, ActionCase> = {
  [`${runsFile}#createRunAction`]: {
    input: () => ({
      templateSlug: "promote-changeset-to-production",
      fields: { promotionDate: "2026-12-01", changesetVersion: "8.1" },
    }),
    refused: writeRefused,
    noCrossObject: "creates a new run; the template is readable by every role that may create runs",
    allowed: "operator",
  },
  [`${runsFile}#tickItemAction`]: {
    input: async (ctx) => ({ ...(await itemRef(ctx)), done: true }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ ...(await foreignItemRef(ctx)), done: true }),
      code: "not_found",
    },
    allowed: "operator",
  },
  [`${runsFile}#startItemAction`]: {
    input: itemRef,
    refused: writeRefused,
    crossObject: { as: "operator", input: foreignItemRef, code: "not_found" },
  },
  [`${runsFile}#assignItemAction`]: {
    input: async (ctx) => ({ ...(await itemRef(ctx)), assigneeId: null }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ ...(await foreignItemRef(ctx)), assigneeId: null }),
      code: "not_found",
    },
  },
  [`${runsFile}#setItemNoteAction`]: {
    input: async (ctx) => ({ ...(await itemRef(ctx)), note: "forged" }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ ...(await foreignItemRef(ctx)), note: "forged" }),
      code: "not_found",
    },
  },
  [`${runsFile}#setRunAssigneesAction`]: {
    input: (ctx) => ({ runId: ctx.runA.id, userIds: [ctx.operatorId] }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: (ctx) => ({ runId: ctx.closedRun.id, userIds: [] }),
      code: "invalid",
    },
    allowed: "operator",
  },
  ["app/(app)/templates/actions.ts#previewTemplateAction"]: {
    otherTeam: "allowed",
    input: (ctx) => ({ contentBase64: ctx.seedBase64 }),
    refused: writeRefused,
    noCrossObject: "a preview reads only the upload and stores nothing",
    allowed: "operator",
  },
  ["app/(app)/templates/reminder-actions.ts#setReminderPolicyAction"]: {
    input: () => ({
      templateSlug: "promote-changeset-to-production",
      leadMinutes: {},
      overdueMarginMinutes: 15,
    }),
    refused: writeRefused,
    noCrossObject: "a template's reminders are its own, and every operator may change every template",
    allowed: "operator",
  },
  ["app/(app)/settings/calendar/actions.ts#createCalendarFeedAction"]: {
    otherTeam: "allowed",
    input: () => ({}),
    refused: { anonymous: "unauthenticated" },
    noCrossObject: "a feed is always the caller's own",
    allowed: "subscriber",
  },
  ["app/(app)/settings/calendar/actions.ts#revokeCalendarFeedAction"]: {
    otherTeam: "allowed",
    input: () => ({}),
    refused: { anonymous: "unauthenticated" },
    noCrossObject: "revokes only the caller's own feed",
    allowed: "auditor",
  },
  ["app/(app)/templates/actions.ts#importTemplateAction"]: {
    otherTeam: "validation",
    input: (ctx) => ({ contentBase64: ctx.seedBase64 }),
    refused: writeRefused,
    noCrossObject: "a template is imported by its own name; a new version never touches another template",
    allowed: "operator",
  },
  ["app/(app)/admin/users/actions.ts#inviteUserAction"]: {
    input: () => ({
      email: `forged-${Date.now()}@test.local`,
      name: "Forged",
      handle: `forged${Date.now()}`,
      role: "admin",
    }),
    refused: {
      anonymous: "unauthenticated",
      operator: "forbidden",
      auditor: "forbidden",
      subscriber: "forbidden",
    },
    noCrossObject: "creates a new user; only admins may",
  },
  ["app/(app)/admin/users/actions.ts#changeUserAction"]: {
    input: (ctx) => ({ userId: ctx.auditorId, role: "admin" }),
    refused: {
      anonymous: "unauthenticated",
      operator: "forbidden",
      auditor: "forbidden",
      subscriber: "forbidden",
    },
    noCrossObject: "admins may change any user; everyone else is refused above",
  },
  ["app/(app)/admin/teams/actions.ts#createTeamAction"]: {
    input: () => ({ name: "Matrix team", slug: `matrix-${Date.now()}` }),
    refused: {
      anonymous: "unauthenticated",
      operator: "forbidden",
      auditor: "forbidden",
      subscriber: "forbidden",
    },
    noCrossObject: "creates a new team; only admins, whose role is workspace-wide",
    allowed: "admin",
  },
  ["app/(app)/admin/teams/actions.ts#setTeamRoleAction"]: {
    input: async (ctx) => ({ teamId: await platformTeamId(), userId: ctx.auditorId, role: null }),
    refused: {
      anonymous: "unauthenticated",
      operator: "forbidden",
      auditor: "forbidden",
      subscriber: "forbidden",
    },
    noCrossObject: "admins set roles in every team; no one else sets any",
    allowed: "admin",
  },
  // Sign-in group mapping (docs/decisions/0016-sign-in-groups-map-to-team-roles.md).
  ["app/(app)/admin/sign-in-groups/actions.ts#mapSignInGroupAction"]: {
    input: () => ({ group: "matrix-group", team: "platform", role: "subscriber" }),
    refused: {
      anonymous: "unauthenticated",
      operator: "forbidden",
      auditor: "forbidden",
      subscriber: "forbidden",
    },
    noCrossObject: "the mapping is the workspace's; only admins, whose role is workspace-wide, change it",
    allowed: "admin",
  },
  ["app/(app)/admin/sign-in-groups/actions.ts#unmapSignInGroupAction"]: {
    input: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
    refused: {
      anonymous: "unauthenticated",
      operator: "forbidden",
      auditor: "forbidden",
      subscriber: "forbidden",
      admin: "not_found",
    },
    noCrossObject: "the mapping is the workspace's; only admins, whose role is workspace-wide, change it",
  },
  ["app/invite/[token]/actions.ts#acceptInviteAction"]: {
    input: () => ({ token: "x".repeat(43), password: "a long enough password" }),
    refused: { anonymous: "not_found", operator: "not_found" },
    noCrossObject: "the token is the authority; a forged or another user's used token is refused above",
  },
};

const acksFile = "app/(app)/runs/ack-actions.ts";
/**
 * A live subscriber of `runId` with this email (a user's, when it is one), inserted as a
 * test-only write when missing: the matrix's runs start without acknowledgement lists.
 */
const subscriberOf = (runId: string, email: string) =>
  withDb(async (c) => {
    await c.query(
      `INSERT INTO run_subscribers (id, run_id, group_key, group_name, user_id, email, name, token_hash)
       VALUES (gen_random_uuid(), $1, 'auditors-listeners', 'Auditors / Listeners',
               (SELECT id FROM users WHERE email = $2), $2, 'Matrix', md5(random()::text))
       ON CONFLICT DO NOTHING`,
      [runId, email],
    );
    const { rows } = await c.query<{ id: string }>(
      "SELECT id FROM run_subscribers WHERE run_id = $1 AND email = $2 AND removed_at IS NULL",
      [runId, email],
    );
    return rows[0]!.id;
  });
const outsider = "matrix-outsider@example.test";
const subscriberRef = async (ctx: MatrixContext) => ({
  runId: ctx.runA.id,
  subscriberId: await subscriberOf(ctx.runA.id, outsider),
});
const foreignSubscriberRef = async (ctx: MatrixContext) => ({
  runId: ctx.runA.id,
  subscriberId: await subscriberOf(ctx.runB.id, outsider),
});

Object.assign(ACTION_MATRIX, {
  [`${acksFile}#addSubscriberAction`]: {
    input: (ctx) => ({
      runId: ctx.runA.id,
      groupKey: "auditors-listeners",
      who: `added-${Date.now()}@example.test`,
    }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: (ctx) => ({ runId: ctx.closedRun.id, groupKey: "auditors-listeners", who: "late@example.test" }),
      code: "invalid",
    },
    allowed: "operator",
  },
  [`${acksFile}#removeSubscriberAction`]: {
    input: subscriberRef,
    refused: writeRefused,
    crossObject: { as: "operator", input: foreignSubscriberRef, code: "not_found" },
    allowed: "operator",
  },
  [`${acksFile}#subscriberLinkAction`]: {
    input: subscriberRef,
    refused: writeRefused,
    crossObject: { as: "operator", input: foreignSubscriberRef, code: "not_found" },
    allowed: "operator",
  },
  [`${acksFile}#sendAckRemindersAction`]: {
    input: (ctx) => ({ runId: ctx.runA.id }),
    refused: writeRefused,
    crossObject: { as: "operator", input: (ctx) => ({ runId: ctx.closedRun.id }), code: "invalid" },
    allowed: "operator",
  },
  [`${acksFile}#acknowledgeSubscriptionAction`]: {
    otherTeam: "not_found",
    // Audrey's own subscription: only she may acknowledge it.
    input: async (ctx) => ({
      runId: ctx.runA.id,
      subscriberId: await subscriberOf(ctx.runA.id, AUDREY.email),
    }),
    refused: { anonymous: "unauthenticated", operator: "forbidden", subscriber: "not_found" },
    crossObject: {
      as: "auditor",
      input: async (ctx) => ({
        runId: ctx.runA.id,
        subscriberId: await subscriberOf(ctx.runB.id, AUDREY.email),
      }),
      code: "not_found",
    },
    allowed: "auditor",
  },
  ["app/ack/[token]/actions.ts#acknowledgeLinkAction"]: {
    input: () => ({ token: "x".repeat(43) }),
    refused: { anonymous: "not_found", operator: "not_found" },
    noCrossObject:
      "the token is the authority and reaches only its own subscription; a forged one is refused above",
  },
} satisfies Record<string, ActionCase>);

Object.assign(ACTION_MATRIX, {
  "app/(app)/account-actions.ts#signOutEverywhereAction": {
    // Would end the other team's member's own sessions, which the tests after it use.
    otherTeam: "skip",
    input: () => ({}),
    refused: { anonymous: "unauthenticated" },
    noCrossObject: "acts on the caller's own sessions only; it takes no id",
  },
} satisfies Record<string, ActionCase>);

const tokensFile = "app/(app)/settings/tokens/actions.ts";
/** An API token of the operator's, inserted directly: only its id matters here. */
const operatorTokenId = (ctx: MatrixContext) =>
  withDb(async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO api_tokens (id, user_id, team_id, name, prefix, token_hash, scopes)
       VALUES (gen_random_uuid(), $1, (SELECT team_id FROM team_members WHERE user_id = $1 LIMIT 1),
               'matrix', '00000000', md5(random()::text), '{runs.read}') RETURNING id`,
      [ctx.operatorId],
    );
    return { id: rows[0]!.id };
  });

Object.assign(ACTION_MATRIX, {
  [`${tokensFile}#createApiTokenAction`]: {
    otherTeam: "allowed",
    input: () => ({ name: "matrix", scopes: ["runs.read"], expiresInDays: 1 }),
    // A subscriber's role has no runs.read to give a token.
    refused: { anonymous: "unauthenticated", subscriber: "validation" },
    noCrossObject: "creates a token owned by the caller, with scopes checked against the caller's role",
    allowed: "operator",
  },
  [`${tokensFile}#revokeApiTokenAction`]: {
    input: operatorTokenId,
    refused: { anonymous: "unauthenticated" },
    crossObject: { as: "auditor", input: operatorTokenId, code: "not_found" },
    allowed: "operator",
  },
} satisfies Record<string, ActionCase>);

const flowFile = "app/(app)/runs/flow-actions.ts";
/** The first item of a kind in a run, e.g. its decision or its link to the Blue-side tests. */
const itemOfKind = (runId: string, kind: string) =>
  withDb(async (c) => {
    const { rows } = await c.query<{ id: string; version: number }>(
      "SELECT id, version FROM run_items WHERE run_id = $1 AND kind = $2 ORDER BY position LIMIT 1",
      [runId, kind],
    );
    return rows[0]!;
  });
const flowRef = (kind: string, from: "runA" | "runB") => async (ctx: MatrixContext) => {
  const item = await itemOfKind(ctx[from].id, kind);
  return { runId: ctx.runA.id, itemId: item.id, version: item.version };
};

Object.assign(ACTION_MATRIX, {
  [`${flowFile}#decideAction`]: {
    input: async (ctx) => ({
      ...(await flowRef("decision", "runA")(ctx)),
      decision: "GO",
      rationale: "forged",
    }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({
        ...(await flowRef("decision", "runB")(ctx)),
        decision: "GO",
        rationale: "forged",
      }),
      code: "not_found",
    },
  },
  [`${flowFile}#recordItemAction`]: {
    input: async (ctx) => ({
      ...(await flowRef("record", "runA")(ctx)),
      value: "2026-12-01T22:00",
      timeZone: "UTC",
    }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ ...(await flowRef("record", "runB")(ctx)), value: "2026-12-01T22:00" }),
      code: "not_found",
    },
  },
  [`${flowFile}#skipItemAction`]: {
    input: async (ctx) => ({ ...(await flowRef("task", "runA")(ctx)), reason: "forged" }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ ...(await flowRef("task", "runB")(ctx)), reason: "forged" }),
      code: "not_found",
    },
  },
  [`${flowFile}#unlockItemAction`]: {
    input: async (ctx) => ({ ...(await flowRef("notify", "runA")(ctx)), reason: "forged" }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ ...(await flowRef("notify", "runB")(ctx)), reason: "forged" }),
      code: "not_found",
    },
  },
  [`${flowFile}#createChildRunAction`]: {
    input: async (ctx) => ({ runId: ctx.runA.id, itemId: (await itemOfKind(ctx.runA.id, "link")).id }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ runId: ctx.runA.id, itemId: (await itemOfKind(ctx.runB.id, "link")).id }),
      code: "not_found",
    },
  },
  [`${flowFile}#closeRunAction`]: {
    input: (ctx) => ({ runId: ctx.runA.id }),
    refused: writeRefused,
    crossObject: { as: "operator", input: (ctx) => ({ runId: ctx.closedRun.id }), code: "invalid" },
  },
  [`${flowFile}#setRunWindowAction`]: {
    input: (ctx) => ({ runId: ctx.runA.id, start: "2026-12-01T22:00", timeZone: "Europe/Berlin" }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: (ctx) => ({ runId: ctx.closedRun.id, start: "2026-12-01T22:00", timeZone: "UTC" }),
      code: "invalid",
    },
    allowed: "operator",
  },
} satisfies Record<string, ActionCase>);

Object.assign(ACTION_MATRIX, {
  ["app/(app)/runs/audit-actions.ts#verifyRunChainAction"]: {
    input: (ctx) => ({ runId: ctx.runA.id }),
    refused: { anonymous: "unauthenticated", subscriber: "forbidden" },
    noCrossObject: "audit.read reaches every run's log; verifying changes nothing",
    allowed: "auditor",
  },
} satisfies Record<string, ActionCase>);

const approvalFile = "app/(app)/runs/approval-actions.ts";
Object.assign(ACTION_MATRIX, {
  [`${approvalFile}#approveDecisionAction`]: {
    input: async (ctx) => ({ ...(await flowRef("decision", "runA")(ctx)), vote: "GO", rationale: "forged" }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({
        ...(await flowRef("decision", "runB")(ctx)),
        vote: "GO",
        rationale: "forged",
      }),
      code: "not_found",
    },
  },
  [`${approvalFile}#withdrawApprovalAction`]: {
    input: async (ctx) => ({ runId: ctx.runA.id, itemId: (await itemOfKind(ctx.runA.id, "decision")).id }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ runId: ctx.runA.id, itemId: (await itemOfKind(ctx.runB.id, "decision")).id }),
      code: "not_found",
    },
  },
  [`${approvalFile}#setRunApproversAction`]: {
    input: (ctx) => ({ runId: ctx.runA.id, userIds: [ctx.operatorId] }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: (ctx) => ({ runId: ctx.closedRun.id, userIds: [ctx.operatorId] }),
      code: "invalid",
    },
    allowed: "operator",
  },
} satisfies Record<string, ActionCase>);

const automationFile = "app/(app)/runs/automation-actions.ts";
const automationRef = (from: "runA" | "runB") => async (ctx: MatrixContext) => ({
  runId: ctx.runA.id,
  itemId: (await itemOfKind(ctx[from].id, "automation")).id,
});
const automationStart = (from: "runA" | "runB") => async (ctx: MatrixContext) => ({
  ...(await automationRef(from)(ctx)),
  confirmStackId: "andromeda-blue",
  dryRun: true,
  clickId: "5f2d7c3e-8a41-4b6e-9c0d-1e2f3a4b5c6d",
});

Object.assign(ACTION_MATRIX, {
  [`${automationFile}#planAutomationAction`]: {
    input: automationRef("runA"),
    refused: writeRefused,
    crossObject: { as: "operator", input: automationRef("runB"), code: "not_found" },
  },
  [`${automationFile}#startAutomationAction`]: {
    input: automationStart("runA"),
    refused: writeRefused,
    crossObject: { as: "operator", input: automationStart("runB"), code: "not_found" },
  },
} satisfies Record<string, ActionCase>);

const notifyFile = "app/(app)/runs/notify-actions.ts";
const announcementOf = (from: "runA" | "runB") => async (ctx: MatrixContext) => ({
  runId: ctx.runA.id,
  itemId: (await itemOfKind(ctx[from].id, "notify")).id,
});
/** A failed delivery on `runId`'s first announcement channel, inserted as a test-only write. */
const failedNotificationOf = (runId: string) =>
  withDb(async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO notifications (id, run_id, item_id, channel, target, message, idempotency_key, status, last_error, requested_by_id)
       SELECT gen_random_uuid(), i.run_id, i.id, 'slack', 'Andromeda PreProduction Watch', 'matrix',
              'matrix:' || gen_random_uuid(), 'failed', 'matrix', r.created_by_id
       FROM run_items i JOIN runs r ON r.id = i.run_id
       WHERE i.run_id = $1 AND i.spec->'channel'->>'type' = 'slack' ORDER BY i.position LIMIT 1
       RETURNING id`,
      [runId],
    );
    return rows[0]!.id;
  });
const integrationsAdminOnly = {
  anonymous: "unauthenticated",
  operator: "forbidden",
  auditor: "forbidden",
  subscriber: "forbidden",
};

Object.assign(ACTION_MATRIX, {
  [`${notifyFile}#previewNotificationAction`]: {
    input: announcementOf("runA"),
    refused: writeRefused,
    crossObject: { as: "operator", input: announcementOf("runB"), code: "not_found" },
    allowed: "operator",
  },
  [`${notifyFile}#sendNotificationAction`]: {
    input: announcementOf("runA"),
    refused: writeRefused,
    crossObject: { as: "operator", input: announcementOf("runB"), code: "not_found" },
  },
  [`${notifyFile}#retryNotificationAction`]: {
    input: async (ctx) => ({ runId: ctx.runA.id, notificationId: await failedNotificationOf(ctx.runA.id) }),
    refused: writeRefused,
    crossObject: {
      as: "operator",
      input: async (ctx) => ({ runId: ctx.runA.id, notificationId: await failedNotificationOf(ctx.runB.id) }),
      code: "not_found",
    },
  },
  ["app/(app)/runs/timed-announcement-actions.ts#confirmTimedAnnouncementAction"]: {
    input: announcementOf("runA"),
    refused: writeRefused,
    crossObject: { as: "operator", input: announcementOf("runB"), code: "not_found" },
  },
  ["app/(app)/templates/timed-announcement-actions.ts#setTimedAnnouncementModeAction"]: {
    input: () => ({ templateSlug: "promote-changeset-to-production", mode: "off" }),
    refused: writeRefused,
    noCrossObject: "a template's setting is its own, and every operator may change every template",
    allowed: "operator",
  },
  ["app/(app)/settings/subscriptions/actions.ts#setSubscriptionDeliveryAction"]: {
    input: () => ({ delivery: "email" }),
    refused: { anonymous: "unauthenticated" },
    noCrossObject: "the choice is always the caller's own",
    otherTeam: "allowed",
    allowed: "subscriber",
  },
  ["app/(app)/settings/integrations/actions.ts#saveIntegrationTargetAction"]: {
    input: () => ({
      channel: "slack",
      name: "Matrix channel",
      config: { webhookEnv: "SLACK_WEBHOOK_MATRIX" },
    }),
    refused: integrationsAdminOnly,
    noCrossObject: "integration targets belong to the workspace; only admins may change any of them",
    allowed: "admin",
  },
  ["app/(app)/settings/integrations/actions.ts#sendTestMessageAction"]: {
    input: () => ({ channel: "slack", name: "Matrix channel" }),
    refused: integrationsAdminOnly,
    noCrossObject: "integration targets belong to the workspace; only admins may test any of them",
  },
} satisfies Record<string, ActionCase>);

Object.assign(ACTION_MATRIX, {
  ["app/(app)/settings/webhooks/actions.ts#createWebhookEndpointAction"]: {
    input: () => ({ url: "http://127.0.0.1:9/matrix", events: ["run.closed"] }),
    refused: integrationsAdminOnly,
    noCrossObject: "webhook endpoints belong to the workspace; only admins may change any of them",
    allowed: "admin",
  },
  ["app/(app)/settings/webhooks/actions.ts#setWebhookEndpointActiveAction"]: {
    input: async () => ({
      endpointId: await withDb(
        async (c) =>
          // The matrix's own create runs first; alone (e.g. in the fuzz spec), an unknown id still
          // reaches the schema and the permission check.
          (await c.query("SELECT id FROM webhook_endpoints ORDER BY created_at LIMIT 1")).rows[0]?.id ??
          "00000000-0000-4000-8000-000000000000",
      ),
      active: false,
    }),
    refused: integrationsAdminOnly,
    noCrossObject: "webhook endpoints belong to the workspace; only admins may change any of them",
    allowed: "admin",
  },
  ["app/(app)/settings/webhooks/actions.ts#redeliverWebhookAction"]: {
    input: () => ({ deliveryId: "00000000-0000-4000-8000-000000000000" }),
    refused: integrationsAdminOnly,
    noCrossObject: "deliveries belong to the workspace's endpoints; only admins may redeliver any of them",
  },
} satisfies Record<string, ActionCase>);

// Team settings (docs/decisions/0015): approvers and lead times are changed with teams.settings
// in the team named by the address, which an operator of the team holds; another team's
// settings do not exist for her.
const teamSettingsFile = "app/(app)/teams/actions.ts";
const teamSettingsRefused = { anonymous: "unauthenticated", auditor: "forbidden", subscriber: "forbidden" };
// A team's own targets are the admins' (teams.integrations), as the workspace's are: the
// team's operator is refused, and another team's operator is told the team does not exist.
const teamTargetsRefused = { ...teamSettingsRefused, operator: "forbidden" };
/** Removing or testing a team's target of one name: the same case for both. */
const namedTeamTarget: ActionCase = {
  input: () => ({ team: "platform", channel: "slack", name: "Matrix team channel" }),
  refused: teamTargetsRefused,
  otherTeam: "not_found",
  crossObject: {
    as: "operator",
    input: () => ({ team: "payments", channel: "slack", name: "Payments Release Watch" }),
    code: "not_found",
  },
};

Object.assign(ACTION_MATRIX, {
  [`${teamSettingsFile}#saveTeamTargetAction`]: {
    input: () => ({
      team: "platform",
      channel: "slack",
      name: "Matrix team channel",
      config: { webhookEnv: "SLACK_WEBHOOK_MATRIX" },
    }),
    refused: teamTargetsRefused,
    otherTeam: "not_found",
    crossObject: {
      as: "operator",
      input: () => ({
        team: "payments",
        channel: "slack",
        name: "Matrix team channel",
        config: { webhookEnv: "SLACK_WEBHOOK_MATRIX" },
      }),
      code: "not_found",
    },
    allowed: "admin",
  },
  [`${teamSettingsFile}#removeTeamTargetAction`]: namedTeamTarget,
  [`${teamSettingsFile}#sendTeamTestMessageAction`]: namedTeamTarget,
  [`${teamSettingsFile}#setTeamApproversAction`]: {
    input: () => ({ team: "platform", userIds: [], minApprovals: null }),
    refused: teamSettingsRefused,
    crossObject: {
      as: "operator",
      input: () => ({ team: "payments", userIds: [], minApprovals: null }),
      code: "not_found",
    },
    allowed: "operator",
  },
  [`${teamSettingsFile}#setTeamReminderDefaultsAction`]: {
    input: () => ({
      team: "platform",
      daysAhead: null,
      hoursAhead: null,
      minutesAhead: null,
      overdueMarginMinutes: null,
    }),
    refused: teamSettingsRefused,
    crossObject: {
      as: "operator",
      input: () => ({
        team: "payments",
        daysAhead: null,
        hoursAhead: null,
        minutesAhead: null,
        overdueMarginMinutes: null,
      }),
      code: "not_found",
    },
    allowed: "operator",
  },
} satisfies Record<string, ActionCase>);
