import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateKeyPairSync } from "node:crypto";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { checkpointHeads, forgetSignedHeads, readSignedHeads } from "@/lib/audit/checkpoints";
import { exportRunEvidence } from "@/lib/audit/export-run";
import { hashEvent } from "@/lib/audit/hash-event";
import { signHead } from "@/lib/audit/signed-head";
import { checkpointDir, publicKeyPem, signingKey } from "@/lib/audit/signing-key";
import { verifyChain } from "@/lib/audit/verify-chain";
import { tickItem } from "@/lib/runs/tick-item";
import { makePlainRun, makeUser } from "@/test/fixtures";

/**
 * The four rewrites a database superuser can make look consistent — every hash recomputed —
 * and the signed heads that give each of them away, online (verifyChain) and offline
 * (scripts/verify-evidence.mjs with the published public key).
 */
type Row = Awaited<ReturnType<typeof eventsOf>>[number];

const eventsOf = (runId: string) => db().auditEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });

async function asSuperuser(fn: (c: pg.Client) => Promise<void>) {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query("BEGIN");
    await c.query('ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only"');
    await fn(c);
    await c.query('ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only"');
    await c.query("COMMIT");
  } finally {
    await c.end();
  }
}

/** Rewrites the rows as given, recomputing every hash and link so the chain holds again. */
async function rewriteChain(rows: Row[]) {
  let prev: string | null = null;
  await asSuperuser(async (c) => {
    // Out of the way of the unique (stream, seq) first.
    await c.query("UPDATE audit_events SET seq = -seq WHERE id = ANY($1::bigint[])", [
      rows.map((r) => r.id.toString()),
    ]);
    for (const [n, e] of rows.entries()) {
      const fields = {
        stream: e.stream,
        seq: n + 1,
        runId: e.runId,
        actorId: e.actorId,
        action: e.action,
        itemId: e.itemId,
        payload: e.payload,
        createdAt: e.createdAt.toISOString(),
        prevHash: prev,
      };
      const hash = hashEvent(fields);
      await c.query(
        `UPDATE audit_events SET seq = $2, action = $3, item_id = $4, payload = $5::jsonb, prev_hash = $6, hash = $7 WHERE id = $1`,
        [e.id, n + 1, e.action, e.itemId, JSON.stringify(e.payload), prev, hash],
      );
      prev = hash;
    }
  });
}

let operator: Actor;
let auditor: Actor;

async function signedRun() {
  [operator, auditor] = [await makeUser("operator"), await makeUser("auditor")];
  // One phase: every item is open at once, so the ticks are about the chain, not the flow.
  const run = await makePlainRun(operator);
  const tasks = await db().runItem.findMany({
    where: { runId: run.id, kind: "task" },
    orderBy: { position: "asc" },
    take: 3,
  });
  for (const t of tasks)
    await tickItem({ actor: operator, runId: run.id, itemId: t.id, version: t.version, done: true });
  const signed = await checkpointHeads();
  expect(signed.map((h) => h.stream)).toContain(`run:${run.id}`);
  return { run, events: await eventsOf(run.id) };
}

/** The offline verdict on the run's exported evidence, with the operators' published key. */
async function offline(number: number) {
  const { bundle } = await exportRunEvidence({ actor: auditor, number });
  const dir = mkdtempSync(path.join(tmpdir(), "evidence-"));
  writeFileSync(path.join(dir, "bundle.json"), JSON.stringify(bundle));
  writeFileSync(path.join(dir, "key.pub"), publicKeyPem(signingKey().publicKey));
  return spawnSync(
    process.execPath,
    ["scripts/verify-evidence.mjs", path.join(dir, "bundle.json"), "--public-key", path.join(dir, "key.pub")],
    { encoding: "utf8" },
  );
}

beforeEach(() => forgetSignedHeads());

describe("signed audit heads", () => {
  it("are appended outside the database, signed, only when a stream moved, and pass when nothing changed", async () => {
    const { run, events } = await signedRun();
    const heads = readSignedHeads().filter((h) => h.stream === `run:${run.id}`);
    expect(heads.at(-1)).toMatchObject({ seq: events.length, hash: events.at(-1)!.hash });
    expect(heads.at(-1)!.sig).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await checkpointHeads()).map((h) => h.stream)).not.toContain(`run:${run.id}`);
    expect(await verifyChain({ actor: auditor, target: { runId: run.id } })).toMatchObject({ ok: true });
    const intact = await offline(run.number);
    expect(intact.stderr).toBe("");
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/chain intact, \d+ signed head\(s\) match/);
  });

  it("catch an edited event whose hashes were all recomputed", async () => {
    const { run, events } = await signedRun();
    const edited = events.map((e, i) => (i === 1 ? { ...e, payload: { forged: true } } : e));
    await rewriteChain(edited);
    const verdict = await verifyChain({ actor: auditor, target: { runId: run.id } });
    expect(verdict).toMatchObject({ ok: false, firstBad: { seq: events.length } });
    if (!verdict.ok) expect(verdict.firstBad.reason).toMatch(/does not have the signed hash/);
    const out = await offline(run.number);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/does not have the signed hash/);
  });

  it("catch a deleted tail event", async () => {
    const { run, events } = await signedRun();
    await asSuperuser((c) =>
      c.query("DELETE FROM audit_events WHERE id = $1", [events.at(-1)!.id]).then(() => {}),
    );
    const verdict = await verifyChain({ actor: auditor, target: { runId: run.id } });
    expect(verdict).toMatchObject({ ok: false, firstBad: { seq: events.length, id: "(missing)" } });
    if (!verdict.ok) expect(verdict.firstBad.reason).toMatch(/events deleted/);
    const out = await offline(run.number);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/events deleted/);
  });

  it("catch reordered events", async () => {
    const { run, events } = await signedRun();
    const swapped = [...events];
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    await rewriteChain(swapped);
    const verdict = await verifyChain({ actor: auditor, target: { runId: run.id } });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.firstBad.reason).toMatch(/does not have the signed hash/);
    const out = await offline(run.number);
    expect(out.status).toBe(1);
  });

  it("catch a forged head, signed with any key but ours", async () => {
    const { run, events } = await signedRun();
    // The attacker appends an event of their own, recomputes, and signs a head for it.
    const extra = { ...events.at(-1)!, id: events.at(-1)!.id, action: "item.forged" };
    await asSuperuser(async (c) => {
      const prev = events.at(-1)!;
      const fields = {
        stream: prev.stream,
        seq: prev.seq + 1,
        runId: prev.runId,
        actorId: prev.actorId,
        action: extra.action,
        itemId: prev.itemId,
        payload: {},
        createdAt: prev.createdAt.toISOString(),
        prevHash: prev.hash,
      };
      await c.query(
        `INSERT INTO audit_events (stream, seq, run_id, actor_id, action, item_id, payload, created_at, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, '{}'::jsonb, $7, $8, $9)`,
        [
          fields.stream,
          fields.seq,
          fields.runId,
          fields.actorId,
          fields.action,
          fields.itemId,
          prev.createdAt,
          prev.hash,
          hashEvent(fields),
        ],
      );
      const theirs = generateKeyPairSync("ed25519").privateKey;
      const forged = signHead(
        { stream: fields.stream, seq: fields.seq, hash: hashEvent(fields), at: new Date() },
        theirs,
      );
      // Even claiming our key's id does not help: the signature does not verify.
      forged.keyId = readSignedHeads()[0]!.keyId;
      appendFileSync(path.join(checkpointDir(), "heads.jsonl"), `${JSON.stringify(forged)}\n`);
    });
    const verdict = await verifyChain({ actor: auditor, target: { runId: run.id } });
    expect(verdict).toMatchObject({ ok: false, firstBad: { seq: events.length + 1 } });
    if (!verdict.ok) expect(verdict.firstBad.reason).toMatch(/forged head/);
    const out = await offline(run.number);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/forged head/);
  });
});
