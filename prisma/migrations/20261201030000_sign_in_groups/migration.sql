-- Sign-in groups map to team roles (docs/decisions/0016-sign-in-groups-map-to-team-roles.md).
-- Every team membership records where it came from: an admin's hand ('admin') or the
-- sign-in group mapping ('sign-in-groups'). The sync changes only the latter, so what an
-- admin gave by hand is never wiped. Existing memberships were all given by hand.
ALTER TABLE "team_members" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_source_check" CHECK ("source" IN ('admin', 'sign-in-groups'));

-- One row per group value and team: people whose sign-in claim lists the group hold the role
-- in the team. Several groups may map into one team; the strongest of their roles applies.
CREATE TABLE "sign_in_group_mappings" (
    "id" UUID NOT NULL,
    "group_value" TEXT NOT NULL,
    "team_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_group_mappings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "sign_in_group_mappings_role_check" CHECK ("role" IN ('operator', 'auditor', 'subscriber'))
);
CREATE UNIQUE INDEX "sign_in_group_mappings_group_value_team_id_key" ON "sign_in_group_mappings"("group_value", "team_id");
CREATE INDEX "sign_in_group_mappings_team_id_idx" ON "sign_in_group_mappings"("team_id");
ALTER TABLE "sign_in_group_mappings" ADD CONSTRAINT "sign_in_group_mappings_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The groups a person's provider listed at their last single sign-on: a mapping changed by
-- an admin applies to them at once, without waiting for their next sign-in.
CREATE TABLE "user_sign_in_groups" (
    "user_id" UUID NOT NULL,
    "groups" TEXT[] NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_sign_in_groups_pkey" PRIMARY KEY ("user_id")
);
CREATE INDEX "user_sign_in_groups_groups_idx" ON "user_sign_in_groups" USING GIN ("groups");
ALTER TABLE "user_sign_in_groups" ADD CONSTRAINT "user_sign_in_groups_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "sign_in_group_mappings", "user_sign_in_groups" TO runsheet_app;
  END IF;
END
$$;
