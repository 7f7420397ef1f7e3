"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { runAction } from "@/lib/actions/run-action";
import { safeText } from "@/lib/validation/text";
import { changeUser } from "@/lib/users/change-user";
import { inviteUser } from "@/lib/users/invite-user";
import { env } from "@/lib/env";

export async function inviteUserAction(input: unknown) {
  return runAction(
    z.object({ email: safeText(320), name: safeText(120), handle: safeText(40), role: z.enum(ROLES) }),
    input,
    async (actor, data) => {
      const { user, token, expiresAt } = await inviteUser({ actor, ...data });
      revalidatePath("/admin/users");
      const base = env().NEXTAUTH_URL ?? "";
      return { email: user.email, link: `${base}/invite/${token}`, expiresAt: expiresAt.toISOString() };
    },
  );
}

export async function changeUserAction(input: unknown) {
  return runAction(
    z.object({ userId: z.uuid(), role: z.enum(ROLES).optional(), active: z.boolean().optional() }),
    input,
    async (actor, data) => {
      const u = await changeUser({ actor, ...data });
      revalidatePath("/admin/users");
      return { id: u.id, role: u.role, active: u.active };
    },
  );
}
