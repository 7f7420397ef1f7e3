import type { PolicySource } from "@/lib/reminders/reminder-policy";

/** Which setting a reminder's timing comes from, in the words the reminders page uses. */
export const SOURCE_LABEL: Record<PolicySource, string> = {
  template: "this template",
  team: "team default",
  workspace: "workspace default",
};
