/**
 * npm run audit:verify — recomputes the hash chain of every audit stream. Exit code 1
 * when any stream is broken, naming the first bad event of each.
 */
import { db } from "@/lib/db";
import { listStreams, verifyChain } from "@/lib/audit/verify-chain";

let broken = 0;
try {
  // An operational check runs with the server's authority, like the seed.
  const streams = await listStreams("system");
  for (const stream of streams) {
    const verdict = await verifyChain("system", stream);
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
