"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { safeText } from "@/lib/validation/text";
import { CHANNEL_TYPES } from "@/lib/templates/definition";
import { saveIntegrationTarget } from "@/lib/notify/integration-targets";
import { sendTestMessage } from "@/lib/notify/send-test-message";

const targetRef = z.object({ channel: z.enum(CHANNEL_TYPES), name: z.string().min(1).max(200) });

export async function saveIntegrationTargetAction(input: unknown) {
  // The domain function checks the config against the channel's own schema.
  return runAction(
    targetRef.extend({ config: z.record(safeText(100), z.unknown()) }),
    input,
    async (actor, data) => {
      const saved = await saveIntegrationTarget({ actor, ...data });
      revalidatePath("/settings/integrations");
      return saved;
    },
  );
}

export async function sendTestMessageAction(input: unknown) {
  return runAction(targetRef, input, (actor, data) => sendTestMessage({ actor, ...data }));
}
