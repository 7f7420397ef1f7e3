import { randomUUID } from "node:crypto";
import { apiOperation } from "@/lib/api/operation";
import { itemTarget } from "@/lib/api/item-target";
import { planAutomationOp, startAutomationOp } from "@/lib/api/operations/item-operations";
import { planAutomation } from "@/lib/aws/plan-automation";
import { startAutomation } from "@/lib/aws/start-automation";

export const GET = apiOperation(planAutomationOp, async ({ actor, params }) => {
  const { runId, itemId } = await itemTarget(actor, params);
  return planAutomation({ actor, runId, itemId });
});

export const POST = apiOperation(startAutomationOp, async ({ actor, body, params, req }) => {
  const { runId, itemId } = await itemTarget(actor, params);
  // Without a request id every call is a new click; with one (or an Idempotency-Key) a resend is not.
  const clickId = body.requestId ?? req.headers.get("idempotency-key") ?? randomUUID();
  return startAutomation({
    actor,
    runId,
    itemId,
    confirmStackId: body.confirmStackId,
    dryRun: body.dryRun,
    clickId,
  });
});
