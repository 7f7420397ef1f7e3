"use server";

import { runAction } from "@/lib/actions/run-action";
import {
  confirmTimedAnnouncement,
  confirmTimedAnnouncementInput,
} from "@/lib/announcements/confirm-timed-announcement";

export async function confirmTimedAnnouncementAction(input: unknown) {
  return runAction(confirmTimedAnnouncementInput, input, (actor, data) =>
    confirmTimedAnnouncement({ actor, ...data }),
  );
}
