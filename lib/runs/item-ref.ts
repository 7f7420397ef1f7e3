import { z } from "zod";

/**
 * Which item a change is for and the version the caller saw: every item action sends it,
 * and the writer refuses a version other than the item's own as a conflict.
 */
export const itemRefSchema = z.object({
  runId: z.uuid(),
  itemId: z.uuid(),
  version: z.number().int().min(0),
});
