/**
 * The demo workspace: two teams, built-in templates for the platform team and a runbook
 * for the payments team, demo users (listed in README.md) and a demo run in each team. Safe to run again: it only adds what is missing.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { importTemplate } from "@/lib/templates/import-template";
import { createRun } from "@/lib/runs/create-run";
import { actorOfUser } from "@/lib/teams/actor-of-user";

export { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";
import {
  importPaymentsRunbook,
  seedDemoTeams,
  seedDemoUsers,
  seedPaymentsRun,
  seedPaymentsSettings,
} from "./demo-teams";

const BUILTIN_DIR = path.join(process.cwd(), "lib", "templates", "builtin");
/** Names of the built-in templates; a child checklist finds its template by this name. */
const BUILTIN_NAMES: Record<string, string> = {
  "promote-changeset-to-production.md": "Promote Changeset To Production",
  "blue-side-tests-production.md": "Blue-side tests (production)",
  "changeset-failure-post-mortem.md": "Changeset failure post-mortem",
};

export async function seed(log: (msg: string) => void = console.log) {
  const fresh = (await db().user.count()) === 0;
  if (fresh) await seedDemoTeams(log);
  for (const file of (await readdir(BUILTIN_DIR)).filter((f) => f.endsWith(".md")).sort()) {
    const markdown = await readFile(path.join(BUILTIN_DIR, file), "utf8");
    const r = await importTemplate({ actor: "system", markdown, name: BUILTIN_NAMES[file], builtIn: true });
    if (r.created) log(`template ${r.slug} v${r.version} imported`);
  }
  await importPaymentsRunbook(log);
  if (fresh) {
    await seedDemoUsers(log);
    await seedPaymentsSettings(log);
  }
  if ((await db().run.count()) === 0) {
    const olivia = await actorOfUser({ email: "olivia@runsheet.local" });
    if (olivia) {
      const run = await createRun({
        actor: olivia,
        templateSlug: "promote-changeset-to-production",
        fields: {
          promotionDate: new Date().toISOString().slice(0, 10),
          checklistCompleters: "@olivia @omar",
          changesetVersion: "4.3",
          stackIdForPrechangeBlueStack: "andromeda-prod-blue",
          stackIdForPrechangeGreenStack: "andromeda-prod-green",
        },
        subscribers: {
          "auditors-listeners": "@audrey, @sam, Release Desk <release-desk@runsheet.local>",
          "changeset-team-acknowledgements": "@omar",
        },
      });
      log(`demo run #${run.number} "${run.title}" created`);
    }
    await seedPaymentsRun(log);
  }
}
