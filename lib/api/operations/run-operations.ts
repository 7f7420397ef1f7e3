import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { runSchema } from "@/lib/api/operations/schemas";
import { RATIONALE_MAX } from "@/lib/runs/decide-go-no-go";

const TAG = "Runs";

export const startRun = defineOperation({
  method: "POST",
  path: "/api/v1/runs",
  tag: TAG,
  summary: "Start a run from a template",
  description:
    "Fields are the template's start fields by key (GET /api/v1/runs/{number} lists a run's fieldDefs). " +
    "Subscribers, per acknowledgement group key, are emails or @handles, comma-separated; each is emailed an acknowledgement link.",
  permission: "runs.write",
  successStatus: 201,
  body: z.strictObject({
    template: z.string().min(1).max(100).describe("The template's slug"),
    fields: z.record(z.string().max(100), z.string().max(2_000)).default({}),
    subscribers: z.record(z.string().max(100), z.string().max(5_000)).optional(),
    rehearsal: z
      .boolean()
      .optional()
      .describe(
        "A rehearsal: announcements go to each target's test destination or are captured, AWS steps are dry runs or run in the sandbox",
      ),
    templateVersion: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("A rehearsal only: the template version to try (default the latest)"),
  }),
  response: runSchema,
});

export const getRun = defineOperation({
  method: "GET",
  path: "/api/v1/runs/{number}",
  tag: TAG,
  summary: "A run with its sections, items, decisions and evidence",
  permission: "runs.read",
  response: runSchema,
});

export const editRunFieldsOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/runs/{number}/fields",
  tag: TAG,
  summary: "Correct header fields, with a reason",
  description:
    "Only fields asked for at start can change; values the run records itself (such as the result) cannot. " +
    "Every change is audited with its old and new value.",
  permission: "runs.write",
  body: z.strictObject({
    fields: z.record(z.string().max(100), z.string().max(2_000)),
    reason: z.string().trim().min(1, "Say why the fields are corrected").max(2_000),
  }),
  response: z.object({
    changed: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
      }),
    ),
  }),
});

export const decideRun = defineOperation({
  method: "POST",
  path: "/api/v1/runs/{number}/decision",
  tag: TAG,
  summary: "Record the Go/No-Go decision with its rationale",
  permission: "runs.decide",
  body: z.strictObject({
    decision: z.enum(["GO", "NO GO"]),
    rationale: z.string().trim().min(1, "A rationale is required").max(RATIONALE_MAX),
  }),
  response: z.unknown(),
});

export const approveRun = defineOperation({
  method: "POST",
  path: "/api/v1/runs/{number}/approvals",
  tag: TAG,
  summary: "Vote GO or NO GO on the decision, with a rationale",
  description:
    "When the template asks for a quorum (the built-in promotion: 2 distinct approvers), GO is recorded " +
    "once that many people have voted GO and no NO GO vote stands; the answer then carries the decision.",
  permission: "runs.decide",
  successStatus: 201,
  body: z.strictObject({
    vote: z.enum(["GO", "NO GO"]),
    rationale: z.string().trim().min(1, "A rationale is required").max(RATIONALE_MAX),
  }),
  response: z.unknown(),
});

export const withdrawApprovalOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/runs/{number}/approvals",
  tag: TAG,
  summary: "Withdraw your own vote on the decision (audited)",
  permission: "runs.decide",
  response: z.unknown(),
});

export const setApproversOp = defineOperation({
  method: "PUT",
  path: "/api/v1/runs/{number}/approvers",
  tag: TAG,
  summary: "Name the people who may approve this run's decision (empty: anyone with runs.decide)",
  permission: "runs.decide",
  body: z.strictObject({ userIds: z.array(z.uuid()).max(50) }),
  response: z.unknown(),
});

export const closeRunOp = defineOperation({
  method: "POST",
  path: "/api/v1/runs/{number}/close",
  tag: TAG,
  summary: "Close a run whose items are all done, skipped or not taken",
  permission: "runs.write",
  body: z.strictObject({}),
  response: z.unknown(),
});

export const addSubscribersOp = defineOperation({
  method: "POST",
  path: "/api/v1/runs/{number}/subscribers",
  tag: TAG,
  summary: "Add people to an acknowledgement group",
  permission: "runs.write",
  successStatus: 201,
  body: z.strictObject({
    group: z.string().min(1).max(100),
    who: z.string().trim().min(1, "Name someone: emails or @handles, comma-separated").max(5_000),
  }),
  response: z.object({ added: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })) }),
});

export const removeSubscriberOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/runs/{number}/subscribers/{subscriber}",
  tag: TAG,
  summary: "Remove a subscriber; their acknowledgement link stops working",
  permission: "runs.write",
  response: z.unknown(),
});

export const RUN_OPERATIONS = [
  startRun,
  getRun,
  editRunFieldsOp,
  decideRun,
  approveRun,
  withdrawApprovalOp,
  setApproversOp,
  closeRunOp,
  addSubscribersOp,
  removeSubscriberOp,
];
