"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { safeText } from "@/lib/validation/text";
import { mapSignInGroup, unmapSignInGroup } from "@/lib/sign-in-groups/mappings";

// Plain text here: the domain function's schema names the field when a value is wrong.
export async function mapSignInGroupAction(input: unknown) {
  return runAction(
    z.object({ group: safeText(200), team: safeText(40), role: safeText(20) }),
    input,
    async (actor, data) => {
      const out = await mapSignInGroup({ actor, ...data });
      revalidatePath("/admin/sign-in-groups");
      return out;
    },
  );
}

export async function unmapSignInGroupAction(input: unknown) {
  return runAction(z.object({ id: z.uuid() }), input, async (actor, data) => {
    const out = await unmapSignInGroup({ actor, ...data });
    revalidatePath("/admin/sign-in-groups");
    return out;
  });
}
