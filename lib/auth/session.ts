import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { UnauthenticatedError } from "@/lib/errors";

/** The signed-in user as the domain sees them, read fresh from the database. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, role: true, name: true, handle: true, active: true },
  });
  if (!user?.active) return null;
  return { id: user.id, role: user.role, name: user.name, handle: user.handle };
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/**
 * For pages: the signed-in actor, or a redirect to sign in. Layouts and pages render
 * in parallel, so each page asks for itself rather than trusting its layout.
 */
export async function pageActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  return actor;
}
