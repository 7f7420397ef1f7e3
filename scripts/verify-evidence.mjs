#!/usr/bin/env node
/**
 * Verifies a Runsheet evidence bundle (GET /api/v1/runs/N/export?format=json) offline,
 * without the app, its database or any package: only Node.
 *
 *   node scripts/verify-evidence.mjs run-42-evidence.json
 *
 * For each stream in `events`, ordered by `seq`, it checks that seq runs 1..n, that each
 * `prevHash` is the previous event's `hash`, and that each `hash` is the SHA-256 (hex) of
 * the RFC 8785 canonical JSON of {stream, seq, runId, actorId, action, itemId, payload,
 * createdAt, prevHash}. Exit code 0 when every chain holds; 1 naming the first bad event
 * of each broken stream; 2 when the file cannot be read.
 */
import { createHash } from "node:crypto";
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node scripts/verify-evidence.mjs BUNDLE.json");
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
  for (const p of problems) {
    console.error(`BROKEN ${p.stream}: first bad event id ${p.id}, seq ${p.seq}: ${p.reason}`);
  }
  if (problems.length > 0) process.exit(1);
  const run = bundle.run ? `run #${bundle.run.number}: ` : "";
  console.log(`ok: ${run}${count} events in ${streams} stream(s), chain intact`);
}
