import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The Ed25519 key that signs audit heads. It must live outside the database (an attacker
 * with the database alone then cannot sign a rewritten chain): AUDIT_SIGNING_KEY holds its
 * PKCS#8 PEM, or, for local runs, it is generated once into .data/audit-signing-key (like
 * .data/auth-secret). The public half is written next to it, for verifiers.
 */
export function dataDir(): string {
  // npm start serves the standalone build from its own folder; it names the checkout's .data/.
  return process.env.RUNSHEET_DATA_DIR || path.join(process.cwd(), ".data");
}

export function checkpointDir(): string {
  return process.env.AUDIT_CHECKPOINT_DIR || path.join(dataDir(), "audit-checkpoints");
}

let cached: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

export function signingKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  if (cached) return cached;
  const fromEnv = process.env.AUDIT_SIGNING_KEY;
  let privateKey: KeyObject;
  if (!fromEnv && process.env.NODE_ENV === "production") {
    // A key made inside a container is lost with it, and every head it signed then looks forged.
    console.warn(
      "AUDIT_SIGNING_KEY is not set: signing audit heads with a key kept in .data/; keep that directory, or set the variable (docs/SECURITY.md)",
    );
  }
  if (fromEnv) {
    // A PEM in one line of an env file keeps its line breaks as "\n".
    privateKey = createPrivateKey(fromEnv.replace(/\\n/g, "\n"));
  } else {
    const file = path.join(dataDir(), "audit-signing-key");
    if (existsSync(file)) {
      privateKey = createPrivateKey(readFileSync(file, "utf8"));
    } else {
      mkdirSync(dataDir(), { recursive: true });
      privateKey = generateKeyPairSync("ed25519").privateKey;
      writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    }
  }
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new Error("AUDIT_SIGNING_KEY: must be an Ed25519 key");
  const publicKey = createPublicKey(privateKey);
  cached = { privateKey, publicKey };
  return cached;
}

/**
 * The public keys verifiers accept: every PEM in AUDIT_VERIFY_KEY when set (after a
 * rotation, the new key and the earlier ones), else the signing key's public half.
 */
export function verifyKeys(): KeyObject[] {
  const pems = (process.env.AUDIT_VERIFY_KEY ?? "")
    .replace(/\\n/g, "\n")
    .match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g);
  return pems?.length ? pems.map((pem) => createPublicKey(pem)) : [signingKey().publicKey];
}

/** The key new heads are checked with first: the first of verifyKeys(). */
export function verifyKey(): KeyObject {
  return verifyKeys()[0]!;
}

export function publicKeyPem(key: KeyObject = verifyKey()): string {
  return String(key.export({ type: "spki", format: "pem" }));
}
