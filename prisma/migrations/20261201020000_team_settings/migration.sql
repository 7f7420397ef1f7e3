-- Per-team settings over the workspace defaults (docs/decisions/0015-team-settings-over-workspace-defaults.md):
-- a team's own integration targets (looked up before the workspace's of the same channel and
-- name), the people every new run of the team names as its approvers, and the team's reminder
-- lead times and minimum GO quorum. A team with none of these rows works exactly as before.
CREATE TABLE "team_integration_targets" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_integration_targets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "team_integration_targets_team_id_channel_name_key" ON "team_integration_targets"("team_id", "channel", "name");
ALTER TABLE "team_integration_targets" ADD CONSTRAINT "team_integration_targets_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "team_approvers" (
    "team_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_approvers_pkey" PRIMARY KEY ("team_id", "user_id")
);
ALTER TABLE "team_approvers" ADD CONSTRAINT "team_approvers_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "team_approvers" ADD CONSTRAINT "team_approvers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A team's single-valued settings. Null: the workspace default applies (reminder lead times by
-- how far ahead a phase is due, lib/reminders/lead-time.ts; the GO quorum, the template's).
CREATE TABLE "team_settings" (
    "team_id" UUID NOT NULL,
    "lead_days_ahead" INTEGER,
    "lead_hours_ahead" INTEGER,
    "lead_minutes_ahead" INTEGER,
    "overdue_margin_minutes" INTEGER,
    "min_go_approvals" INTEGER,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_settings_pkey" PRIMARY KEY ("team_id")
);
ALTER TABLE "team_settings" ADD CONSTRAINT "team_settings_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "team_integration_targets", "team_approvers", "team_settings" TO runsheet_app;
  END IF;
END
$$;
