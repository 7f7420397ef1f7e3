/**
 * The demo workspace: built-in templates, demo users (listed in README.md) and one
 * demo run. Safe to run again: it only adds what is missing.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { importTemplate } from "@/lib/templates/import-template";
import { createUser } from "@/lib/users/create-user";
import { createRun } from "@/lib/runs/create-run";

export { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";

const BUILTIN_DIR = path.join(process.cwd(), "lib", "templates", "builtin");
/** Names of the built-in templates; a child checklist finds its template by this name. */
const BUILTIN_NAMES: Record<string, string> = {
  "promote-changeset-to-production.md": "Promote Changeset To Production",
  "blue-side-tests-production.md": "Blue-side tests (production)",
  "changeset-failure-post-mortem.md": "Changeset failure post-mortem",
};

export async function seed(log: (msg: string) => void = console.log) {
  for (const file of (await readdir(BUILTIN_DIR)).filter((f) => f.endsWith(".md")).sort()) {
    const markdown = await readFile(path.join(BUILTIN_DIR, file), "utf8");
    const r = await importTemplate({ actor: "system", markdown, name: BUILTIN_NAMES[file], builtIn: true });
    if (r.created) log(`template ${r.slug} v${r.version} imported`);
  }
  if ((await db().user.count()) === 0) {
    for (const u of DEMO_USERS) await createUser({ actor: "system", ...u, password: DEMO_PASSWORD });
    log(`demo users created (password: ${DEMO_PASSWORD})`);
  }
  if ((await db().run.count()) === 0) {
    const olivia = await db().user.findUnique({ where: { email: "olivia@runsheet.local" } });
    if (olivia) {
      const run = await createRun({
        actor: { id: olivia.id, role: olivia.role, name: olivia.name, handle: olivia.handle },
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
  }
}
