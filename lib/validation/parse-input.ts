import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { firstUnstorableString, UNSTORABLE_MESSAGE } from "@/lib/validation/text";

/**
 * A zod error as field errors: each top-level field's messages, and problems with the
 * input as a whole under "_". The one place field errors are made, so a form shows the
 * same keys whether the action, the route or the domain function refused the input.
 */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const flat = z.flattenError(error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>))
    if (messages?.length) fieldErrors[key] = messages;
  if (flat.formErrors.length) fieldErrors._ = flat.formErrors;
  return fieldErrors;
}

/**
 * Parses input or throws a ValidationError with its field errors, the first string that
 * cannot be stored included. Without a message the
 * first problem is named with its path, such as "The request was not valid: version: …".
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, message?: string): z.output<S> {
  // Before the schema, so that no field, however loosely typed (z.unknown(), records), lets
  // a NUL or a lone surrogate through to the database.
  const unstorable = firstUnstorableString(value);
  if (unstorable !== null)
    throw new ValidationError(message ?? `The request was not valid: ${unstorable}: ${UNSTORABLE_MESSAGE}`, {
      [unstorable]: [UNSTORABLE_MESSAGE],
    });
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(message ?? describeFirstIssue(result.error), fieldErrorsOf(result.error));
}

function describeFirstIssue(error: z.ZodError): string {
  const first = error.issues[0]!;
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `The request was not valid: ${where}${first.message}`;
}
