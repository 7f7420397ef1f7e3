"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { acknowledgeByToken } from "@/lib/acks/acknowledge-by-token";

export async function acknowledgeLinkAction(input: unknown) {
  return runAction(z.object({ token: z.string().max(200) }), input, (_actor, { token }) =>
    acknowledgeByToken(token),
  );
}
