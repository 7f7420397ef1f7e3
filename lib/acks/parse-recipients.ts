import { z } from "zod";

export type Recipient =
  { kind: "handle"; handle: string } | { kind: "email"; email: string; name: string | null };

const emailSchema = z.email();

/**
 * Reads "@handle, ada@example.com, Ada Lovelace <ada@example.com>" into recipients.
 * Entries are separated by commas, semicolons or new lines; `invalid` keeps the ones
 * that are neither an @handle nor an email address, as written.
 */
export function parseRecipients(text: string): { recipients: Recipient[]; invalid: string[] } {
  const recipients: Recipient[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[,;\n]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    if (/^@[\w.-]+$/.test(entry)) {
      recipients.push({ kind: "handle", handle: entry.slice(1).toLowerCase() });
      continue;
    }
    const named = /^(.*?)\s*<([^<>\s]+)>$/.exec(entry);
    const email = (named ? named[2]! : entry).toLowerCase();
    const name =
      named?.[1]
        ?.trim()
        .replace(/^"(.*)"$/, "$1")
        .trim() || null;
    if (emailSchema.safeParse(email).success) recipients.push({ kind: "email", email, name });
    else invalid.push(entry);
  }
  return { recipients, invalid };
}
