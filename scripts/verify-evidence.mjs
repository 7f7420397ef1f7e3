#!/usr/bin/env node
/**
 * Verifies a Runsheet evidence bundle (GET /api/v1/runs/N/export?format=json) offline,
 * without the app, its database or any package: only Node.
 *
 *   node scripts/verify-evidence.mjs run-42-evidence.json [--public-key audit-signing-key.pub]
 *
 * For each stream in `events`, ordered by `seq`, it checks that seq runs 1..n, that each
 * `prevHash` is the previous event's `hash`, and that each `hash` is the SHA-256 (hex) of
 * the RFC 8785 canonical JSON of {stream, seq, runId, actorId, action, itemId, payload,
 * createdAt, prevHash}. Then it checks the chain against the bundle's signed heads
 * (`signatures.heads`): each head's Ed25519 signature over the canonical JSON of
 * {stream, seq, hash, at, keyId}, and that the event at the head's seq has the signed hash,
 * which catches an edit with recomputed hashes, reordering, a deleted tail and a forged
 * head. Pin the key with --public-key (the PEM the operators publish): the key inside the
 * bundle only shows that the bundle agrees with itself. Exit code 0 when every chain holds;
 * 1 naming the first bad event of each broken stream; 2 when a file cannot be read.
 */
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** RFC 8785 (JSON Canonicalization Scheme) for values parsed from JSON. */
export function canonicalize(value) {
  if (value === null || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("non-finite number");
    // ECMAScript's number-to-string is the serialisation RFC 8785 prescribes.
    return JSON.stringify(value);
  }
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(",")}]`;
  if (typeof value === "object") {
    // Default sort compares UTF-16 code units, as RFC 8785 requires.
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalize(value[k])}`).join(",")}}`;
  }
  throw new Error(`cannot canonicalize a ${typeof value}`);
}

export function hashEvent(e) {
  const fields = {
    stream: e.stream,
    seq: e.seq,
    runId: e.runId,
    actorId: e.actorId,
    action: e.action,
    itemId: e.itemId,
    payload: e.payload,
    createdAt: e.createdAt,
    prevHash: e.prevHash,
  };
  return createHash("sha256").update(canonicalize(fields)).digest("hex");
}

/** The first broken event of each stream, or an empty list. */
export function verifyEvents(events) {
  const streams = new Map();
  for (const e of events) {
    if (!streams.has(e.stream)) streams.set(e.stream, []);
    streams.get(e.stream).push(e);
  }
  const problems = [];
  for (const [stream, list] of streams) {
    list.sort((a, b) => a.seq - b.seq);
    for (let n = 0; n < list.length; n++) {
      const e = list[n];
      const previous = n === 0 ? null : list[n - 1].hash;
      let reason = null;
      if (e.seq !== n + 1) reason = `seq ${e.seq} where ${n + 1} was expected (an event is missing)`;
      else if (e.prevHash !== previous) reason = "prevHash does not match the previous event's hash";
      else if (hashEvent(e) !== e.hash) reason = "hash does not match the event's content";
      if (reason) {
        problems.push({ stream, id: e.id, seq: e.seq, reason });
        break;
      }
    }
  }
  return { streams: streams.size, count: events.length, problems };
}

export function keyIdOf(publicKey) {
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x, "base64url");
  return createHash("sha256").update(raw).digest("hex").slice(0, 16);
}

/** `keys`: the public keys accepted (after a rotation, the new one and the earlier ones). */
function headSignatureValid(head, keys) {
  const publicKey = keys.find((k) => keyIdOf(k) === head.keyId);
  if (!publicKey) return false;
  const { stream, seq, hash, at, keyId } = head;
  try {
    const bytes = Buffer.from(canonicalize({ stream, seq, hash, at, keyId }), "utf8");
    return verify(null, bytes, publicKey, Buffer.from(String(head.sig), "base64"));
  } catch {
    return false;
  }
}

/** Problems between the events and the signed heads (same rules as lib/audit/signed-head.ts). */
export function verifyHeads(events, heads, publicKeys) {
  const problems = [];
  const byStream = new Map();
  for (const e of events) {
    if (!byStream.has(e.stream)) byStream.set(e.stream, new Map());
    byStream.get(e.stream).set(e.seq, e);
  }
  const bad = new Set();
  for (const head of [...heads].sort((a, b) => a.seq - b.seq)) {
    if (bad.has(head.stream)) continue;
    const stream = byStream.get(head.stream) ?? new Map();
    const event = stream.get(head.seq);
    let reason = null;
    if (!headSignatureValid(head, publicKeys))
      reason = `the signed head at seq ${head.seq} has no valid signature (forged head)`;
    else if (!event)
      reason = `a signed head says seq ${head.seq} existed; only ${stream.size} events remain (events deleted)`;
    else if (event.hash !== head.hash)
      reason = `event seq ${head.seq} does not have the signed hash (events edited, reordered or replaced)`;
    if (reason) {
      bad.add(head.stream);
      problems.push({ stream: head.stream, id: event?.id ?? "(missing)", seq: head.seq, reason });
    }
  }
  return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  // --public-key may be given more than once (keys from before a rotation).
  const keyFiles = [];
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--public-key") keyFiles.push(args[++i]);
    else rest.push(args[i]);
  }
  const file = rest[0];
  if (!file || keyFiles.some((k) => !k)) {
    console.error("usage: node scripts/verify-evidence.mjs BUNDLE.json [--public-key KEY.pem]");
    process.exit(2);
  }
  let bundle;
  try {
    bundle = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    console.error(`${file}: ${err.message}`);
    process.exit(2);
  }
  if (!Array.isArray(bundle.events) || bundle.events.length === 0) {
    console.error(`${file}: no events to verify`);
    process.exit(1);
  }
  const { streams, count, problems } = verifyEvents(bundle.events);
  const heads = Array.isArray(bundle.signatures?.heads) ? bundle.signatures.heads : [];
  let publicKeys = [];
  let reading = file;
  try {
    for (const keyFile of keyFiles) {
      reading = keyFile;
      publicKeys.push(createPublicKey(readFileSync(keyFile, "utf8")));
    }
    if (keyFiles.length === 0 && bundle.signatures?.publicKey) {
      publicKeys = [createPublicKey(bundle.signatures.publicKey)];
      console.log("note: the key was taken from the bundle itself; pin it with --public-key");
    }
  } catch (err) {
    console.error(`${reading}: not a public key: ${err.message}`);
    process.exit(2);
  }
  if (heads.length === 0) console.log("note: no signed heads: only the hash chain was checked");
  else if (publicKeys.length === 0) {
    console.error("signed heads but no key to check them with: pass --public-key");
    process.exit(1);
  } else {
    const broken = new Set(problems.map((p) => p.stream));
    problems.push(...verifyHeads(bundle.events, heads, publicKeys).filter((p) => !broken.has(p.stream)));
  }
  for (const p of problems) {
    console.error(`BROKEN ${p.stream}: first bad event id ${p.id}, seq ${p.seq}: ${p.reason}`);
  }
  if (problems.length > 0) process.exit(1);
  const run = bundle.run ? `run #${bundle.run.number}: ` : "";
  const signed = heads.length ? `, ${heads.length} signed head(s) match` : "";
  console.log(`ok: ${run}${count} events in ${streams} stream(s), chain intact${signed}`);
}
