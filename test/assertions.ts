import { expect } from "vitest";
import { db } from "@/lib/db";

/** Awaits a promise that must reject with the given error class, and returns the error. */
export async function expectRejection<T extends Error>(
  promise: Promise<unknown>,
  type: new (...a: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ${type.name}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

export function runRow(runId: string) {
  return db().run.findUniqueOrThrow({ where: { id: runId } });
}

/** A run's audit events in chain order. */
export function eventsOf(runId: string) {
  return db().auditEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });
}
