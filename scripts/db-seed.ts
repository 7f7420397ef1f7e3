/** npm run db:seed — the built-in templates and, on an empty database, the demo workspace. */
import { runTool } from "./cli/run-tool";

await runTool("db:seed", async ({ log }) => {
  const { seed } = await import("@/prisma/seed");
  await seed(log);
});
