"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { decideGoNoGo, RATIONALE_MAX } from "@/lib/runs/decide-go-no-go";
import { recordItem } from "@/lib/runs/record-item";
import { skipItem } from "@/lib/runs/skip-item";
import { unlockItem, UNLOCK_REASON_MAX } from "@/lib/runs/unlock-item";
import { createChildRun } from "@/lib/runs/create-child-run";
import { closeRun } from "@/lib/runs/close-run";
import { setRunWindow } from "@/lib/runs/set-run-window";
import { itemRefSchema } from "@/lib/runs/item-ref";

export async function decideAction(input: unknown) {
  return runAction(
    z.object({
      runId: z.uuid(),
      itemId: z.uuid(),
      decision: z.enum(["GO", "NO GO"]),
      rationale: z.string().max(RATIONALE_MAX),
    }),
    input,
    (actor, data) => decideGoNoGo({ actor, ...data }),
  );
}

export async function recordItemAction(input: unknown) {
  return runAction(
    itemRefSchema.extend({ value: z.string().max(20_000), timeZone: z.string().max(64).optional() }),
    input,
    (actor, data) => recordItem({ actor, ...data }),
  );
}

export async function skipItemAction(input: unknown) {
  return runAction(itemRefSchema.extend({ reason: z.string().max(2000) }), input, (actor, data) =>
    skipItem({ actor, ...data }),
  );
}

export async function unlockItemAction(input: unknown) {
  return runAction(
    itemRefSchema.extend({ reason: z.string().max(UNLOCK_REASON_MAX) }),
    input,
    (actor, data) => unlockItem({ actor, ...data }),
  );
}

export async function createChildRunAction(input: unknown) {
  return runAction(z.object({ runId: z.uuid(), itemId: z.uuid() }), input, async (actor, data) => {
    const child = await createChildRun({ actor, ...data });
    revalidatePath("/");
    return { number: child.number };
  });
}

export async function closeRunAction(input: unknown) {
  return runAction(z.object({ runId: z.uuid() }), input, async (actor, data) => {
    const closed = await closeRun({ actor, ...data });
    revalidatePath("/");
    return closed;
  });
}

export async function setRunWindowAction(input: unknown) {
  return runAction(
    z.object({
      runId: z.uuid(),
      start: z.string().max(40),
      end: z.string().max(40).nullable().optional(),
      timeZone: z.string().max(64),
    }),
    input,
    (actor, data) => setRunWindow({ actor, ...data }),
  );
}
