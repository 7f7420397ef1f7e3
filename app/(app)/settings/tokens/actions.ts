"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { createApiToken, newApiTokenSchema } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";

export async function createApiTokenAction(input: unknown) {
  return runAction(newApiTokenSchema, input, async (actor, data) => {
    const created = await createApiToken({ actor, ...data });
    revalidatePath("/settings/tokens");
    return created;
  });
}

export async function revokeApiTokenAction(input: unknown) {
  return runAction(z.object({ id: z.uuid() }), input, async (actor, { id }) => {
    const revoked = await revokeApiToken({ actor, id });
    revalidatePath("/settings/tokens");
    return revoked;
  });
}
