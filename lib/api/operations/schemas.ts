import { z } from "zod";

/** Shapes of API answers, for the OpenAPI document and the contract test. Loose where the view grows. */
export const personSchema = z.object({ id: z.string(), name: z.string(), handle: z.string() });

export const runItemSchema = z
  .object({
    id: z.string(),
    path: z.string(),
    kind: z.string(),
    text: z.string(),
    state: z.enum(["open", "done", "skipped", "not_taken"]),
    assignee: personSchema.nullable(),
    doneBy: personSchema.nullable(),
    doneAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    elapsedMs: z.number().nullable(),
    note: z.string().nullable(),
    version: z.number().int(),
  })
  .loose();

export const runSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    rehearsal: z.boolean().describe("A rehearsal: no production target is touched"),
    status: z.enum(["open", "closed"]),
    fields: z.record(z.string(), z.string()),
    result: z.enum(["NO GO", "SUCCEEDED", "FAILED"]).nullable(),
    items: z.array(runItemSchema),
  })
  .loose();

export const errorSchema = z
  .object({
    error: z.string(),
    code: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    current: z.unknown().optional(),
  })
  .loose();

/** The item version the caller saw; also accepted as If-Match. */
export const version = z.number().int().min(0);
