import { errorCodes } from "@/lib/db/error-codes";

/**
 * Whether PostgreSQL refused a string it cannot store (22021: a NUL or invalid UTF-8;
 * 22P05: a character the encoding lacks). Input schemas refuse these first and name the
 * field; this is the net for a string that reached a query some other way, so the caller
 * still hears that the input was bad rather than that the server failed.
 */
export function isUnstorableText(err: unknown): boolean {
  return errorCodes(err).some((code) => code === "22021" || code === "22P05");
}
