import os from "node:os";
import pg from "pg";

export async function describeMachine(connectionString: string) {
  const cpus = os.cpus();
  const client = new pg.Client({ connectionString });
  await client.connect();
  const { rows } = await client.query<{ version: string }>("SELECT version()");
  await client.end();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown"}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    postgres: rows[0]!.version.split(",")[0]!,
    // Other work on the machine moves every number here; this says how busy it was.
    loadAverage: os.loadavg()[0]!.toFixed(2),
  };
}
