"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { TEAM_ROLES } from "@/lib/auth/permissions";
import { runAction } from "@/lib/actions/run-action";
import { safeText } from "@/lib/validation/text";
import { createTeam, setTeamRole } from "@/lib/teams/manage-teams";

export async function createTeamAction(input: unknown) {
  return runAction(z.object({ name: safeText(80), slug: safeText(40) }), input, async (actor, data) => {
    const team = await createTeam({ actor, ...data });
    revalidatePath("/admin/teams");
    return { slug: team.slug };
  });
}

export async function setTeamRoleAction(input: unknown) {
  return runAction(
    z.object({ teamId: z.uuid(), userId: z.uuid(), role: z.enum(TEAM_ROLES).nullable() }),
    input,
    async (actor, data) => {
      const out = await setTeamRole({ actor, ...data });
      revalidatePath("/admin/teams");
      return out;
    },
  );
}
