/**
 * npm run audit:verify — recomputes the hash chain of every audit stream and checks it
 * against the signed heads in AUDIT_CHECKPOINT_DIR (signature by AUDIT_VERIFY_KEY, else the
 * signing key's public half). Exit code 1 when any stream is broken, naming the first bad
 * event of each.
 */
import { db } from "@/lib/db";
import { readSignedHeads } from "@/lib/audit/checkpoints";
import { checkpointDir } from "@/lib/audit/signing-key";
import { listStreams, verifyChain } from "@/lib/audit/verify-chain";

let broken = 0;
try {
  // An operational check runs with the server's authority, like the seed.
  const heads = readSignedHeads();
  if (heads.length === 0)
    console.warn(`no signed heads in ${checkpointDir()}: only the hash chains are checked`);
  const streams = await listStreams("system", heads);
  for (const stream of streams) {
    const verdict = await verifyChain("system", stream, heads);
    if (verdict.ok) {
      console.log(`ok      ${stream} (${verdict.count} events)`);
    } else {
      broken++;
      const { id, seq, reason } = verdict.firstBad;
      console.error(`BROKEN  ${stream}: first bad event id ${id}, seq ${seq}: ${reason}`);
    }
  }
  console.log(`${streams.length - broken} of ${streams.length} streams intact`);
  if (broken > 0) process.exitCode = 1;
} finally {
  await db().$disconnect();
}
