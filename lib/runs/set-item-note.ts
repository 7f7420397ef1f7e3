import "server-only";
import { ValidationError } from "@/lib/errors";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";

export const NOTE_MAX = 4000;

export function setItemNote(ref: ItemRef & { note: string }) {
  const note = ref.note.trim();
  if (note.length > NOTE_MAX)
    throw new ValidationError(`A note can be at most ${NOTE_MAX} characters.`, { note: ["Too long"] });
  return changeItem(ref, ({ item }) => ({
    action: "item.noted",
    data: { note: note || null },
    payload: { from: item.note, to: note || null },
  }));
}
