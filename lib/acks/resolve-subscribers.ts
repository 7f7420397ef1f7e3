import "server-only";
import { db, type Tx } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import type { AckGroupDef } from "@/lib/templates/definition";
import { resolveHandles } from "@/lib/users/resolve-handles";
import { parseRecipients } from "@/lib/acks/parse-recipients";

/** One person to ask, not yet stored. */
export type SubscriberDraft = {
  groupKey: string;
  groupName: string;
  /** "cc": informed only (the template's /cc); asked to acknowledge otherwise. */
  kind?: "ack" | "cc";
  userId: string | null;
  email: string;
  name: string;
};

/** Error keys of the acknowledgement inputs, next to the run's own `fields.*`. */
export const subscriberFieldKey = (groupKey: string) => `subscribers.${groupKey}`;

/**
 * Turns each group's "emails or @handles" text into people: a handle must be an active
 * user; an email is that user when one has it, otherwise someone outside Runsheet,
 * named by the address's local part unless written as `Name <email>`. Every problem
 * is reported at once, under the group it belongs to.
 */
export async function resolveSubscribers(
  groups: Pick<AckGroupDef, "key" | "name">[],
  input: Record<string, string | undefined>,
  client: Tx | ReturnType<typeof db> = db(),
): Promise<SubscriberDraft[]> {
  const drafts: SubscriberDraft[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, text] of Object.entries(input)) {
    if (text?.trim() && !groups.some((g) => g.key === key))
      fieldErrors[subscriberFieldKey(key)] = ["This template has no such acknowledgement group"];
  }
  for (const group of groups) {
    const { recipients, invalid } = parseRecipients(input[group.key] ?? "");
    const problems: string[] = [];
    if (invalid.length) problems.push(`Not an email or @handle: ${invalid.join(", ")}`);

    const handles = recipients.flatMap((r) => (r.kind === "handle" ? [r.handle] : []));
    const { users, unknown } = await resolveHandles(handles, client);
    if (unknown.length) problems.push(`No active user with handle ${unknown.map((h) => "@" + h).join(", ")}`);

    const emails = recipients.flatMap((r) => (r.kind === "email" ? [r] : []));
    const members = emails.length
      ? await client.user.findMany({
          where: { email: { in: emails.map((e) => e.email) }, active: true },
          select: { id: true, email: true, name: true },
        })
      : [];

    if (problems.length) {
      fieldErrors[subscriberFieldKey(group.key)] = problems.map((p) => `${group.name}: ${p}`);
      continue;
    }
    const seen = new Set<string>();
    const add = (d: Omit<SubscriberDraft, "groupKey" | "groupName">) => {
      if (seen.has(d.email)) return;
      seen.add(d.email);
      drafts.push({ groupKey: group.key, groupName: group.name, ...d });
    };
    for (const r of recipients) {
      if (r.kind === "handle") {
        const u = users.find((x) => x.handle.toLowerCase() === r.handle)!;
        add({ userId: u.id, email: u.email.toLowerCase(), name: u.name });
      } else {
        const u = members.find((x) => x.email.toLowerCase() === r.email);
        add(
          u
            ? { userId: u.id, email: r.email, name: u.name }
            : { userId: null, email: r.email, name: r.name ?? r.email.split("@")[0]! },
        );
      }
    }
  }
  if (Object.keys(fieldErrors).length) {
    const names = groups.filter((g) => fieldErrors[subscriberFieldKey(g.key)]).map((g) => g.name);
    throw new ValidationError(
      `Check the acknowledgement lists${names.length ? `: ${names.join(", ")}` : ""}.`,
      fieldErrors,
    );
  }
  return drafts;
}
