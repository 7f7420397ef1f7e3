"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { setReminderPolicy } from "@/lib/reminders/reminder-policy";

const input = z.object({
  templateSlug: z.string().trim().min(1).max(200),
  leadMinutes: z.record(
    z.string().max(200),
    z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  ),
  overdueMarginMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
});

/** A template's reminder lead times and overdue margin (the domain function checks each against its phase). */
export async function setReminderPolicyAction(raw: unknown) {
  return runAction(input, raw, async (actor, data) => {
    const policy = await setReminderPolicy({ actor, ...data });
    revalidatePath(`/templates/${data.templateSlug}/reminders`);
    return policy;
  });
}
