import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { runItemSchema, version } from "@/lib/api/operations/schemas";
import { OUTSIDE_NOTE_MAX } from "@/lib/runs/tick-item";
import { UNLOCK_REASON_MAX } from "@/lib/runs/unlock-item";

const TAG = "Items";
const ITEM = "/api/v1/runs/{number}/items/{item}";
const VERSIONED =
  "The item's `version` (from the run) goes in the body or as `If-Match`; if someone changed the item since, " +
  "the answer is 409 with the item as it is now in `current`. {item} is the item's id or `<section key>:<path>`.";

export const tickItemOp = defineOperation({
  method: "POST",
  path: `${ITEM}/tick`,
  tag: TAG,
  summary: "Tick (done: true) or untick an item",
  description:
    `${VERSIONED} An automation step is ticked by running it; if it was done outside Runsheet, send ` +
    "`doneOutside: { note }` saying what was done (flagged as manual evidence).",
  permission: "runs.write",
  ifMatch: true,
  body: z.strictObject({
    version,
    done: z.boolean().default(true),
    doneOutside: z.strictObject({ note: z.string().max(OUTSIDE_NOTE_MAX) }).optional(),
  }),
  response: runItemSchema,
});

export const startItemOp = defineOperation({
  method: "POST",
  path: `${ITEM}/start`,
  tag: TAG,
  summary: "Start a stopwatch item's clock",
  description: VERSIONED,
  permission: "runs.write",
  ifMatch: true,
  body: z.strictObject({ version }),
  response: runItemSchema,
});

export const recordItemOp = defineOperation({
  method: "POST",
  path: `${ITEM}/record`,
  tag: TAG,
  summary: "Record the value a record item asks for (it sets the run's field)",
  description: VERSIONED,
  permission: "runs.write",
  ifMatch: true,
  body: z.strictObject({ version, value: z.string().max(20_000), timeZone: z.string().max(64).optional() }),
  response: runItemSchema,
});

export const noteItemOp = defineOperation({
  method: "PUT",
  path: `${ITEM}/note`,
  tag: TAG,
  summary: "Set an item's note, for example a link to a test report",
  description: VERSIONED,
  permission: "runs.write",
  ifMatch: true,
  body: z.strictObject({ version, note: z.string().max(10_000) }),
  response: runItemSchema,
});

export const assignItemOp = defineOperation({
  method: "PUT",
  path: `${ITEM}/assignee`,
  tag: TAG,
  summary: "Assign an item to a person (null to unassign)",
  description: VERSIONED,
  permission: "runs.write",
  ifMatch: true,
  body: z.strictObject({ version, assigneeId: z.uuid().nullable() }),
  response: runItemSchema,
});

export const skipItemOp = defineOperation({
  method: "POST",
  path: `${ITEM}/skip`,
  tag: TAG,
  summary: "Skip an item as not applicable, with a reason",
  description: VERSIONED,
  permission: "runs.write",
  ifMatch: true,
  body: z.strictObject({ version, reason: z.string().trim().min(1, "A reason is required").max(2_000) }),
  response: runItemSchema,
});

export const announceItemOp = defineOperation({
  method: "POST",
  path: `${ITEM}/announcement`,
  tag: TAG,
  summary: "Send a notify or decision item's announcement to its channels",
  description: "Sending the same text again is a no-op; deliveries tick each channel's sub-item.",
  permission: "integrations.run",
  successStatus: 202,
  body: z.strictObject({
    channels: z
      .array(z.enum(["email", "slack", "statuspage"]))
      .min(1)
      .optional(),
  }),
  response: z.unknown(),
});

export const planAutomationOp = defineOperation({
  method: "GET",
  path: `${ITEM}/automation`,
  tag: TAG,
  summary: "The exact calls an automation step would make, and what is missing",
  permission: "integrations.run",
  response: z.unknown(),
});

export const startAutomationOp = defineOperation({
  method: "POST",
  path: `${ITEM}/automation`,
  tag: TAG,
  summary: "Run (or dry-run) an automation step",
  description:
    "confirmStackId must equal the run's Blue stack id. requestId makes a resent request find its execution " +
    "instead of starting another (an Idempotency-Key header serves the same purpose).",
  permission: "integrations.run",
  successStatus: 202,
  body: z.strictObject({
    confirmStackId: z.string().max(200),
    dryRun: z.boolean().default(false),
    requestId: z.string().min(1).max(100).optional(),
  }),
  response: z.unknown(),
});

export const createChildOp = defineOperation({
  method: "POST",
  path: `${ITEM}/child`,
  tag: TAG,
  summary: "Create the child checklist a link item asks for (one per item)",
  description: "Closing the child ticks this item. Asking again answers the existing child.",
  permission: "runs.write",
  successStatus: 201,
  body: z.strictObject({}),
  response: z.object({ number: z.number().int() }).loose(),
});

export const unlockItemOp = defineOperation({
  method: "POST",
  path: `${ITEM}/unlock`,
  tag: TAG,
  summary: "Start an item out of order, with a reason (flagged in the audit view and exports)",
  description: `${VERSIONED} Lifts only order and dependencies, never a branch, a result or approvals.`,
  permission: "runs.decide",
  ifMatch: true,
  body: z.strictObject({
    version,
    reason: z.string().trim().min(1, "A reason is required").max(UNLOCK_REASON_MAX),
  }),
  response: runItemSchema,
});

export const ITEM_OPERATIONS = [
  unlockItemOp,
  createChildOp,
  tickItemOp,
  startItemOp,
  recordItemOp,
  noteItemOp,
  assignItemOp,
  skipItemOp,
  announceItemOp,
  planAutomationOp,
  startAutomationOp,
];
