/**
 * npm run audit:verify — recomputes the hash chain of every audit stream and checks it
 * against the signed heads in AUDIT_CHECKPOINT_DIR (signature by AUDIT_VERIFY_KEY, else the
 * signing key's public half). Exit code 1 when any stream is broken, naming the first bad
 * event of each.
 */
import { runTool } from "./cli/run-tool";

await runTool("audit:verify", async () => {
  const { listStreams, verifyChain } = await import("@/lib/audit/verify-chain");
  const { readSignedHeads } = await import("@/lib/audit/checkpoints");
  const { checkpointDir } = await import("@/lib/audit/signing-key");
  let broken = 0;
  // An operational check runs with the server's authority, like the seed.
  const heads = readSignedHeads();
  if (heads.length === 0)
    console.warn(`no signed heads in ${checkpointDir()}: only the hash chains are checked`);
  const streams = await listStreams({ actor: "system", heads });
  for (const stream of streams) {
    const verdict = await verifyChain({ actor: "system", target: stream, heads });
    if (verdict.ok) {
      console.log(`ok      ${stream} (${verdict.count} events)`);
    } else {
      broken++;
      const { id, seq, reason } = verdict.firstBad;
      console.error(`BROKEN  ${stream}: first bad event id ${id}, seq ${seq}: ${reason}`);
    }
  }
  console.log(`${streams.length - broken} of ${streams.length} streams intact`);
  return broken > 0 ? 1 : 0;
});
