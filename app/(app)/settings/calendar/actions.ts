"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { createCalendarFeed, revokeCalendarFeed } from "@/lib/calendar/calendar-feeds";

const none = z.object({}).strict();

/** A new private feed URL (shown once); an earlier one stops working. */
export async function createCalendarFeedAction(raw: unknown) {
  return runAction(none, raw ?? {}, async (actor) => {
    const feed = await createCalendarFeed({ actor });
    revalidatePath("/settings/calendar");
    return feed;
  });
}

/** Ends the person's feed URL. */
export async function revokeCalendarFeedAction(raw: unknown) {
  return runAction(none, raw ?? {}, async (actor) => {
    const done = await revokeCalendarFeed({ actor });
    revalidatePath("/settings/calendar");
    return done;
  });
}
