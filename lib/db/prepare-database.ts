import pg from "pg";
import { grantAppRole } from "@/lib/db/app-role";
import { installJobSchema } from "@/lib/db/job-schema";
import { migrate } from "@/lib/db/migrate";

/**
 * Everything the schema owner does before the app may start: our migrations, pg-boss's
 * schema, and the app role's grants on all of it. Safe to run again; run by `npm start`,
 * `npm run db:migrate`, the compose file's migrate service and the test set-ups.
 */
export async function prepareDatabase(
  ownerUrl: string,
  opts: { log?: (msg: string) => void } = {},
): Promise<{ applied: string[] }> {
  const result = await migrate(ownerUrl, opts);
  await installJobSchema(ownerUrl);
  const client = new pg.Client({ connectionString: ownerUrl, application_name: "runsheet-migrate" });
  await client.connect();
  try {
    await grantAppRole(client);
  } finally {
    await client.end();
  }
  return result;
}
