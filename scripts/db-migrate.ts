import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";

const { applied } = await migrate(env().DATABASE_URL, { log: console.log });
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
