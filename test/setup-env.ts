import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-only-secret-0123456789abcdef0123456789";
// Sending mail needs an explicit sender; tests that set SMTP_URL send as this one.
process.env.MAIL_FROM ??= "Runsheet tests <runsheet@tests.example>";
// Audit heads are signed with a key of this test file's own and kept in a directory of its
// own, never in the checkout's .data/.
process.env.AUDIT_SIGNING_KEY ??= String(
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }),
);
process.env.AUDIT_CHECKPOINT_DIR ??= mkdtempSync(path.join(tmpdir(), "runsheet-heads-"));
