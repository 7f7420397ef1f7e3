import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { hashPassword } from "@/lib/auth/password";
import { requirePermission, ROLES, type Actor } from "@/lib/auth/permissions";
import { addFirstTeamRole } from "@/lib/teams/default-team";
import { parseInput } from "@/lib/validation/parse-input";

export const newUserSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(120),
  handle: z
    .string()
    .trim()
    .regex(/^@?[A-Za-z0-9][\w.-]{0,38}$/, "Letters, digits, . _ - (up to 39)")
    .transform((h) => h.replace(/^@/, "")),
  role: z.enum(ROLES),
  /** Where an operator or subscriber holds that role; the default team when not given. */
  teamId: z.uuid().optional(),
  password: z.string().min(12, "At least 12 characters").max(200),
});

/**
 * Creates a user. `"system"` is for the seed and operational scripts, which run
 * with the server's own authority; no request can pass it.
 */
export async function createUser({
  actor,
  ...input
}: { actor: Actor | null | "system" } & z.input<typeof newUserSchema>) {
  if (actor !== "system") requirePermission(actor, "users.admin");
  const { password, teamId, ...data } = parseInput(newUserSchema, input, "Check the user's details.");
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    // Lock before reading the clock, so the stream's times never go backwards.
    await lockStream(tx, streamFor(null));
    const now = new Date();
    const user = await tx.user.create({ data: { ...data, passwordHash, createdAt: now } });
    const team = await addFirstTeamRole(tx, user, teamId, now);
    await appendAuditEvent(tx, {
      actorId: actor === "system" ? null : (actor?.id ?? null),
      action: "user.created",
      payload: { userId: user.id, email: user.email, role: user.role, ...(team ? { team: team.slug } : {}) },
      at: now,
    });
    return user;
  });
}
