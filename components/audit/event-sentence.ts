import type { PersonRef } from "@/lib/runs/run-view";

/** Payload keys that hold a person's id, and how the sentence names them. */
const PERSON_KEYS: Record<string, string> = {
  assigneeId: "assigned to",
  userId: "user",
  approverId: "approver",
};

function shown(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/**
 * An audit event's payload as a sentence a person reads ("item assigned: assigned to Omar;
 * version 3"), with ids of people replaced by their names. Nested values stay in the raw
 * JSON, which the view keeps one click away.
 */
export function eventSentence(action: string, payload: unknown, people: Map<string, PersonRef>): string {
  const what = action.replaceAll(".", " ").replaceAll("_", " ");
  if (!payload || typeof payload !== "object") return what;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    if (key in PERSON_KEYS && typeof value === "string") {
      const p = people.get(value);
      parts.push(`${PERSON_KEYS[key]} ${p ? `${p.name} (@${p.handle})` : "someone"}`);
      continue;
    }
    if (key in PERSON_KEYS && value === null) {
      parts.push(`${PERSON_KEYS[key]} nobody`);
      continue;
    }
    if (/Id$|^id$|hash$/i.test(key)) continue;
    const v = shown(value);
    if (v !== null) parts.push(`${key.replace(/([A-Z])/g, " $1").toLowerCase()} ${v}`);
  }
  return parts.length ? `${what}: ${parts.join("; ")}` : what;
}
