"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import {
  setTimedAnnouncementMode,
  setTimedAnnouncementModeInput,
} from "@/lib/announcements/timed-announcement-setting";

/** A template's timed announcements: off, ask for a one-click confirm, or send on their own. */
export async function setTimedAnnouncementModeAction(raw: unknown) {
  return runAction(setTimedAnnouncementModeInput, raw, async (actor, data) => {
    const mode = await setTimedAnnouncementMode({ actor, ...data });
    revalidatePath(`/templates/${data.templateSlug}/reminders`);
    return mode;
  });
}
