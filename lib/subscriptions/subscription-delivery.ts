import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { UnauthenticatedError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse-input";

export const subscriptionDeliverySchema = z.enum(["email", "none"], {
  error: "Choose email or none.",
});
export type SubscriptionDelivery = z.infer<typeof subscriptionDeliverySchema>;

export const setSubscriptionDeliveryInput = z.object({ delivery: subscriptionDeliverySchema });

/** Stored values outside the two choices read as the default, email. */
export const deliveryOf = (stored: string | null | undefined): SubscriptionDelivery =>
  stored === "none" ? "none" : "email";

export async function getSubscriptionDelivery({ actor }: { actor: Actor | null }) {
  if (!actor) throw new UnauthenticatedError();
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { subscriptionDelivery: true },
  });
  return deliveryOf(user.subscriptionDelivery);
}

/**
 * How the signed-in person hears about runs they are copied on (/cc): by email, or not at
 * all (they still see the run when signed in). Anyone signed in sets their own, and only their own.
 */
export async function setSubscriptionDelivery({
  actor,
  ...input
}: { actor: Actor | null } & z.input<typeof setSubscriptionDeliveryInput>): Promise<SubscriptionDelivery> {
  if (!actor) throw new UnauthenticatedError();
  const { delivery } = parseInput(setSubscriptionDeliveryInput, input);
  await db().$transaction(async (tx) => {
    await lockStream(tx, streamFor(null));
    await tx.user.update({ where: { id: actor.id }, data: { subscriptionDelivery: delivery } });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "user.subscription_delivery_set",
      payload: { userId: actor.id, delivery },
      at: new Date(),
    });
  });
  return delivery;
}
