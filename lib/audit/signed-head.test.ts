import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkAgainstHeads, signHead } from "@/lib/audit/signed-head";

const events = [
  { seq: 1, hash: "a".repeat(64) },
  { seq: 2, hash: "b".repeat(64) },
];
const key = () => generateKeyPairSync("ed25519").privateKey;

describe("checkAgainstHeads", () => {
  it("accepts heads signed before a key rotation when both public keys are given", () => {
    const [old, current] = [key(), key()];
    const heads = [
      signHead({ stream: "s", seq: 1, hash: events[0]!.hash, at: new Date() }, old),
      signHead({ stream: "s", seq: 2, hash: events[1]!.hash, at: new Date() }, current),
    ];
    const publics = [createPublicKey(current), createPublicKey(old)];
    expect(checkAgainstHeads(events, heads, publics)).toBeNull();
    // With only the new key, the old head cannot be told from a forgery.
    expect(checkAgainstHeads(events, heads, publics[0]!)).toMatchObject({ seq: 1, reason: /forged head/ });
  });

  it("refuses a head whose fields were changed after signing", () => {
    const k = key();
    const head = signHead({ stream: "s", seq: 2, hash: events[1]!.hash, at: new Date() }, k);
    expect(checkAgainstHeads(events, [{ ...head, seq: 1 }], createPublicKey(k))).toMatchObject({
      reason: /forged head/,
    });
  });
});
