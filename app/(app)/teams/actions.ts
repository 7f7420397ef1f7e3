"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { safeText } from "@/lib/validation/text";
import { sendTestMessage } from "@/lib/notify/send-test-message";
import { removeTeamTarget, saveTeamTarget, teamTargetRefSchema } from "@/lib/team-settings/team-targets";
import { setTeamApprovers, teamApproversSchema } from "@/lib/team-settings/team-approvers";
import {
  setTeamReminderDefaults,
  teamReminderDefaultsSchema,
} from "@/lib/team-settings/team-reminder-defaults";

const settingsPath = (team: string) => `/teams/${team}/settings`;

export async function saveTeamTargetAction(input: unknown) {
  // The domain function checks the config against the channel's own schema.
  return runAction(
    teamTargetRefSchema.extend({ config: z.record(safeText(100), z.unknown()) }),
    input,
    async (actor, data) => {
      const saved = await saveTeamTarget({ actor, ...data });
      revalidatePath(settingsPath(data.team));
      return saved;
    },
  );
}

export async function removeTeamTargetAction(input: unknown) {
  return runAction(teamTargetRefSchema, input, async (actor, data) => {
    const out = await removeTeamTarget({ actor, ...data });
    revalidatePath(settingsPath(data.team));
    return out;
  });
}

export async function setTeamApproversAction(input: unknown) {
  return runAction(teamApproversSchema, input, async (actor, data) => {
    const out = await setTeamApprovers({ actor, ...data });
    revalidatePath(settingsPath(data.team));
    return out;
  });
}

export async function setTeamReminderDefaultsAction(input: unknown) {
  return runAction(teamReminderDefaultsSchema, input, async (actor, data) => {
    const out = await setTeamReminderDefaults({ actor, ...data });
    revalidatePath(settingsPath(data.team));
    return out;
  });
}

export async function sendTeamTestMessageAction(input: unknown) {
  return runAction(teamTargetRefSchema, input, (actor, data) => sendTestMessage({ actor, ...data }));
}
