import "server-only";
import { db } from "@/lib/db";
import { can, type Actor } from "@/lib/auth/permissions";
import {
  byChannelThenName,
  secretsFor,
  targetKey,
  targetsNamedByTemplates,
} from "@/lib/notify/integration-targets";
import type { Channel } from "@/lib/notify/target-config";
import { DEFAULT_OVERDUE_MARGIN_MINUTES } from "@/lib/reminders/lead-time";
import { holdersIn } from "@/lib/teams/team-roles";
import { settingsTeam } from "@/lib/team-settings/team-access";
import { readTeamReminderDefaults } from "@/lib/team-settings/team-reminder-defaults";
import { teamMinApprovals } from "@/lib/team-settings/team-approvers";

export type TeamTargetView = {
  channel: Channel;
  name: string;
  /** The team's templates that name it. */
  usedBy: string[];
  /** Whose target the team's runs use: its own, the workspace default, or none configured. */
  inForce: "team" | "workspace" | null;
  /** The team's own configuration, or null when the workspace default applies. */
  config: Record<string, unknown> | null;
  secrets: { name: string; present: boolean }[];
};

export type TeamSettingsView = Awaited<ReturnType<typeof getTeamSettings>>;

/**
 * A team's settings as its page shows them: every target its templates name (or it has set)
 * with whose target is in force, its default approvers (who may be one) and GO quorum, and its reminder
 * defaults beside the workspace's. Anyone who may read the team's runs may read them.
 */
export async function getTeamSettings({ actor, team: slug }: { actor: Actor | null; team: string }) {
  const { team, actor: who } = await settingsTeam(actor, slug, "runs.read");
  const [named, own, workspace, approvers, candidates, reminders, minApprovals] = await Promise.all([
    targetsNamedByTemplates({ teamId: team.id }),
    db().teamIntegrationTarget.findMany({ where: { teamId: team.id } }),
    db().integrationTarget.findMany({ select: { channel: true, name: true } }),
    db().teamApprover.findMany({
      where: { teamId: team.id },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, name: true, handle: true, active: true } } },
    }),
    db().user.findMany({
      where: { active: true, ...holdersIn(team.id, "runs.decide") },
      orderBy: { name: "asc" },
      select: { id: true, name: true, handle: true },
    }),
    readTeamReminderDefaults(db(), team.id),
    teamMinApprovals(db(), team.id),
  ]);
  for (const r of own) {
    const key = targetKey(r.channel, r.name);
    if (!named.has(key)) named.set(key, { channel: r.channel as Channel, name: r.name, usedBy: new Set() });
  }
  const targets: TeamTargetView[] = [...named.values()].sort(byChannelThenName).map((t) => {
    const row = own.find((r) => r.channel === t.channel && r.name === t.name);
    const config = (row?.config as Record<string, unknown> | undefined) ?? null;
    const fallback = workspace.some((w) => w.channel === t.channel && w.name === t.name);
    return {
      channel: t.channel,
      name: t.name,
      usedBy: [...t.usedBy].sort(),
      inForce: row ? "team" : fallback ? "workspace" : null,
      config,
      secrets: config ? secretsFor(t.channel, config) : [],
    };
  });
  return {
    team,
    canEdit: can(who, "teams.settings", team.id),
    canEditTargets: can(who, "teams.integrations", team.id),
    targets,
    approvers: approvers.map((a) => a.user),
    minApprovals,
    candidates,
    reminders: { ...reminders, workspaceOverdueMarginMinutes: DEFAULT_OVERDUE_MARGIN_MINUTES },
  };
}
