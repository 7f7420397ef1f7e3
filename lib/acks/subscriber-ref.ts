import { z } from "zod";

/** One subscription of one run: what removing, linking and acknowledging it are given. */
export const subscriberRefSchema = z.object({ runId: z.uuid(), subscriberId: z.uuid() });

export type SubscriberRef = z.output<typeof subscriberRefSchema>;
