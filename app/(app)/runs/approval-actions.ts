"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { approveDecision, withdrawApproval } from "@/lib/runs/approve-decision";
import { setRunApprovers } from "@/lib/runs/set-run-approvers";
import { RATIONALE_MAX } from "@/lib/runs/decide-go-no-go";

export async function approveDecisionAction(input: unknown) {
  return runAction(
    z.object({
      runId: z.uuid(),
      itemId: z.uuid(),
      vote: z.enum(["GO", "NO GO"]),
      rationale: z.string().max(RATIONALE_MAX),
    }),
    input,
    (actor, data) => approveDecision({ actor, ...data }),
  );
}

export async function withdrawApprovalAction(input: unknown) {
  return runAction(z.object({ runId: z.uuid(), itemId: z.uuid() }), input, (actor, data) =>
    withdrawApproval({ actor, ...data }),
  );
}

export async function setRunApproversAction(input: unknown) {
  return runAction(z.object({ runId: z.uuid(), userIds: z.array(z.uuid()).max(50) }), input, (actor, data) =>
    setRunApprovers({ actor, ...data }),
  );
}
