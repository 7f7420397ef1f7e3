/**
 * The demo's two teams: the platform team (the default team, renamed, which receives the
 * built-in runbooks) and a payments team with its own runbook, people and run.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { importTemplate } from "@/lib/templates/import-template";
import { createUser } from "@/lib/users/create-user";
import { createRun } from "@/lib/runs/create-run";
import { createTeam, setTeamRole } from "@/lib/teams/manage-teams";
import { defaultTeam } from "@/lib/teams/default-team";
import { actorOfUser } from "@/lib/teams/actor-of-user";
import { saveTeamTarget } from "@/lib/team-settings/team-targets";
import { setTeamApprovers } from "@/lib/team-settings/team-approvers";
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from "./demo-users";

const PAYMENTS_RUNBOOK = path.join(process.cwd(), "prisma", "demo-templates", "release-payments-ledger.md");

/** On a fresh workspace: the default team becomes the platform team, and payments is added. */
export async function seedDemoTeams(log: (msg: string) => void) {
  const first = await defaultTeam();
  if (first.slug === "default") {
    await db().team.update({ where: { id: first.id }, data: DEMO_TEAMS.platform });
  }
  if (!(await db().team.findUnique({ where: { slug: DEMO_TEAMS.payments.slug } }))) {
    await createTeam({ actor: "system", ...DEMO_TEAMS.payments });
  }
  log(`demo teams: ${DEMO_TEAMS.platform.name}, ${DEMO_TEAMS.payments.name}`);
}

/** The payments team's runbook, when the workspace has that team. */
export async function importPaymentsRunbook(log: (msg: string) => void) {
  if (!(await db().team.findUnique({ where: { slug: DEMO_TEAMS.payments.slug } }))) return;
  const markdown = await readFile(PAYMENTS_RUNBOOK, "utf8");
  const r = await importTemplate({ actor: "system", markdown, team: DEMO_TEAMS.payments.slug });
  if (r.created) log(`template ${r.slug} v${r.version} imported (payments)`);
}

export async function seedDemoUsers(log: (msg: string) => void) {
  const teamId = async (slug: string | undefined) =>
    slug ? (await db().team.findUniqueOrThrow({ where: { slug } })).id : (await defaultTeam()).id;
  for (const u of DEMO_USERS) {
    const { team, alsoIn, ...data } = { team: undefined, alsoIn: undefined, ...u };
    const user = await createUser({
      actor: "system",
      ...data,
      teamId: await teamId(team),
      password: DEMO_PASSWORD,
    });
    if (alsoIn)
      await setTeamRole({
        actor: "system",
        teamId: await teamId(alsoIn.team),
        userId: user.id,
        role: alsoIn.role,
      });
  }
  log(`demo users created (password: ${DEMO_PASSWORD})`);
}

/**
 * The payments team's own settings: its runbook's Slack channel posts through its own
 * webhook (set by Ada, an admin), and its runs start with Priya and Paul as GO approvers
 * (decision 0015).
 */
export async function seedPaymentsSettings(log: (msg: string) => void) {
  const ada = await actorOfUser({ email: "ada@runsheet.local" });
  const priya = await actorOfUser({ email: "priya@runsheet.local" });
  const paul = await db().user.findUnique({ where: { email: "paul@runsheet.local" } });
  if (!ada || !priya || !paul) return;
  const team = DEMO_TEAMS.payments.slug;
  // Targets are the admins' to set (teams.integrations); approvers the team's operators'.
  await saveTeamTarget({
    actor: ada,
    team,
    channel: "slack",
    name: "Payments Release Watch",
    config: { webhookEnv: "SLACK_WEBHOOK_PAYMENTS" },
  });
  await setTeamApprovers({ actor: priya, team, userIds: [priya.id, paul.id] });
  log("payments team settings: its own Slack channel target and GO approvers");
}

export async function seedPaymentsRun(log: (msg: string) => void) {
  const priya = await actorOfUser({ email: "priya@runsheet.local" });
  const template = await db().template.findFirst({ where: { team: { slug: DEMO_TEAMS.payments.slug } } });
  if (!priya || !template) return;
  const run = await createRun({
    actor: priya,
    templateSlug: template.slug,
    fields: {
      releaseDate: new Date().toISOString().slice(0, 10),
      checklistCompleters: "@priya @paul",
      releaseVersion: "2.8",
      ledgerMigrationId: "0042_settlement_batches",
    },
    subscribers: { "finance-operations": "@fiona", "payments-on-call": "@omar" },
  });
  log(`demo run #${run.number} "${run.title}" created (payments)`);
}
