"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { verifyChain } from "@/lib/audit/verify-chain";

export async function verifyRunChainAction(input: unknown) {
  return runAction(z.object({ runId: z.uuid() }), input, (actor, data) =>
    verifyChain({ actor, target: { runId: data.runId } }),
  );
}
