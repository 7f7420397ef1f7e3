"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { acceptInvite } from "@/lib/users/accept-invite";

// No session: the invite token is the authority (checked inside acceptInvite).
export async function acceptInviteAction(input: unknown) {
  return runAction(
    z.object({ token: z.string().min(20).max(200), password: z.string().max(200) }),
    input,
    (_actor, data) => acceptInvite(data),
  );
}
