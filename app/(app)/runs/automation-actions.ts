"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { planAutomation } from "@/lib/aws/plan-automation";
import { startAutomation } from "@/lib/aws/start-automation";

const stepRef = z.object({ runId: z.uuid(), itemId: z.uuid() });

export async function planAutomationAction(input: unknown) {
  return runAction(stepRef, input, (actor, data) => planAutomation({ actor, ...data }));
}

export async function startAutomationAction(input: unknown) {
  return runAction(
    stepRef.extend({
      confirmStackId: z.string().max(300),
      dryRun: z.boolean(),
      clickId: z.uuid(),
    }),
    input,
    (actor, data) => startAutomation({ actor, ...data }),
  );
}
