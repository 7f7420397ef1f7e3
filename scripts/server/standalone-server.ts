import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export type StandaloneServer = {
  base: string;
  child: ChildProcess;
  /** Resolves once /api/ready answers 200; rejects when the server exits or the time runs out. */
  ready: (timeoutMs?: number) => Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop: () => Promise<void>;
};

/** The production server Next writes with `output: "standalone"`: what the Docker image runs. */
export function standaloneEntry(distDir = process.env.NEXT_DIST_DIR || ".next"): string {
  return path.resolve(distDir, "standalone", "server.js");
}

/**
 * Starts `node <distDir>/standalone/server.js` the way the Dockerfile does: PORT and
 * HOSTNAME in the environment, production mode. Used by npm start, the e2e server and the bench.
 */
export function startStandaloneServer(opts: {
  port: number;
  host?: string;
  env: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  distDir?: string;
  /** Options for node itself, such as --cpu-prof for the bench's profile. */
  nodeArgs?: string[];
}): StandaloneServer {
  const entry = standaloneEntry(opts.distDir);
  if (!existsSync(entry)) throw new Error(`no standalone build at ${entry}: run npm run build`);
  const host = opts.host ?? "127.0.0.1";
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), entry], {
    stdio: opts.stdio ?? "inherit",
    env: { ...opts.env, NODE_ENV: "production", PORT: String(opts.port), HOSTNAME: host },
  });
  const base = `http://${host}:${opts.port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  async function ready(timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer";
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready`);
      const res = await fetch(`${base}/api/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
      if (res?.ok) return;
      if (res) last = `${res.status} ${await res.text().catch(() => "")}`;
      await Promise.race([new Promise((r) => setTimeout(r, 300)), exited]);
    }
    throw new Error(
      `the server was not ready within ${Math.round(timeoutMs / 1000)} s (last answer: ${last})`,
    );
  }

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.kill("SIGTERM");
    await exited;
    clearTimeout(kill);
  }

  return { base, child, ready, stop };
}
