import "server-only";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";

export function parseHandles(text: string | null | undefined): string[] {
  return [...new Set((text ?? "").match(/@[\w.-]+/g)?.map((h) => h.slice(1).toLowerCase()) ?? [])];
}

/** Active users for `@handle`s; `unknown` lists the handles no active user has. */
export async function resolveHandles(handles: string[], client: Tx | ReturnType<typeof db> = db()) {
  const users = handles.length
    ? await client.user.findMany({
        where: { handle: { in: handles, mode: "insensitive" }, active: true },
        select: { id: true, handle: true, name: true, email: true, role: true },
      })
    : [];
  const found = new Set(users.map((u) => u.handle.toLowerCase()));
  return { users, unknown: handles.filter((h) => !found.has(h)) };
}
