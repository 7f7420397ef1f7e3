import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { assertLocalDatabase } from "./local-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One real PostgreSQL for the unit and integration tests: TEST_DATABASE_URL when given
 * (it must point at this machine), otherwise a fresh embedded cluster.
 */
export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    // A cluster per test process, so two runs in one checkout cannot wipe each other.
    const dataDir = path.join(process.cwd(), ".data", `test-pg-${process.pid}`);
    const pg = await startEmbeddedPostgres({
      dataDir,
      port: 54400 + (process.pid % 500),
      database: "runsheet_test",
      fresh: true,
    });
    url = pg.url;
    stop = async () => {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  assertLocalDatabase(url);
  await prepareDatabase(url);
  project.provide("databaseUrl", url);
  return async () => {
    await stop?.();
  };
}
