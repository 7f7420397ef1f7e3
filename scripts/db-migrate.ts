/** npm run db:migrate — applies the migrations, pg-boss's schema and the app role's grants, as the owner. */
import { runTool } from "./cli/run-tool";

await runTool(
  "db:migrate",
  async () => {
    // localDatabase({ prepare: true }) has done the work; say what state it left.
    console.log("database is up to date");
  },
  { prepare: true },
);
