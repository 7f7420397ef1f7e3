"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { endAllSessions } from "@/lib/users/end-sessions";

export async function signOutEverywhereAction(input: unknown) {
  return runAction(z.object({}).strict(), input ?? {}, (actor) => endAllSessions({ actor }));
}
