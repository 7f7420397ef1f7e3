"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { safeText } from "@/lib/validation/text";
import { createRun } from "@/lib/runs/create-run";
import { sendAckRequestsAfter } from "@/lib/acks/send-ack-requests-after";
import { tickItem } from "@/lib/runs/tick-item";
import { startItem } from "@/lib/runs/start-item";
import { assignItem } from "@/lib/runs/assign-item";
import { setItemNote } from "@/lib/runs/set-item-note";
import { setRunAssignees } from "@/lib/runs/set-run-assignees";
import { itemRefSchema } from "@/lib/runs/item-ref";
import { OUTSIDE_NOTE_MAX } from "@/lib/runs/tick-item";

export async function createRunAction(input: unknown) {
  return runAction(
    z.object({
      templateSlug: z.string().min(1).max(100),
      fields: z.record(safeText(100), safeText(2_000)),
      subscribers: z.record(safeText(100), safeText(5_000)).optional(),
      rehearsal: z.boolean().optional(),
      templateVersion: z.number().int().min(1).optional(),
    }),
    input,
    async (actor, data) => {
      const run = await createRun({ actor, ...data });
      sendAckRequestsAfter({ actor: actor!, runId: run.id });
      revalidatePath("/");
      return { number: run.number };
    },
  );
}

export async function tickItemAction(input: unknown) {
  return runAction(
    itemRefSchema.extend({
      done: z.boolean(),
      // A step done outside Runsheet: the note says what was done.
      doneOutside: z.object({ note: z.string().max(OUTSIDE_NOTE_MAX) }).optional(),
    }),
    input,
    (actor, data) => tickItem({ actor, ...data }),
  );
}

export async function startItemAction(input: unknown) {
  return runAction(itemRefSchema, input, (actor, data) => startItem({ actor, ...data }));
}

export async function assignItemAction(input: unknown) {
  return runAction(itemRefSchema.extend({ assigneeId: z.uuid().nullable() }), input, (actor, data) =>
    assignItem({ actor, ...data }),
  );
}

export async function setItemNoteAction(input: unknown) {
  return runAction(itemRefSchema.extend({ note: z.string().max(10_000) }), input, (actor, data) =>
    setItemNote({ actor, ...data }),
  );
}

export async function setRunAssigneesAction(input: unknown) {
  return runAction(
    z.object({ runId: z.uuid(), userIds: z.array(z.uuid()).max(50) }),
    input,
    async (actor, data) => {
      const ids = await setRunAssignees({ actor, ...data });
      revalidatePath("/my");
      return ids;
    },
  );
}
