import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { runReadScope } from "@/lib/runs/read-scope";
import { UUID } from "@/lib/validation/uuid";

/**
 * The run an API path names by number, among the runs the caller may read: another's run
 * is as missing as one that does not exist. The domain function then checks the write.
 */
export async function runByNumber(actor: Actor, number: string): Promise<{ id: string; number: number }> {
  const n = Number(number);
  if (!/^\d{1,9}$/.test(number) || !Number.isSafeInteger(n) || n < 1)
    throw new NotFoundError(`Run #${number} does not exist.`);
  const run = await db().run.findFirst({
    where: { number: n, ...runReadScope(actor) },
    select: { id: true, number: true },
  });
  if (!run) throw new NotFoundError(`Run #${n} does not exist.`);
  return run;
}

/**
 * An item of that run, by its id or, as pipelines know it from the template, by
 * `<section key>:<path>` (for example `phase-5-go-decision:3`).
 */
export async function itemOfRun(runId: string, ref: string): Promise<{ id: string; version: number }> {
  const decoded = decodeURIComponent(ref);
  const where = UUID.test(decoded)
    ? { id: decoded, runId }
    : (() => {
        const sep = decoded.lastIndexOf(":");
        if (sep < 1) throw new NotFoundError(`No item "${decoded}": use its id or <section key>:<path>.`);
        return { runId, path: decoded.slice(sep + 1), section: { key: decoded.slice(0, sep) } };
      })();
  const item = await db().runItem.findFirst({ where, select: { id: true, version: true } });
  if (!item) throw new NotFoundError(`Run has no item "${decoded}".`);
  return item;
}
