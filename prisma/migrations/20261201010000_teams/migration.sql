-- Teams own templates and runs; people hold roles per team. Admin and auditor on the user
-- row stay workspace-wide. Everything that exists moves into one default team, so nothing
-- is lost and every person keeps the powers they had (docs/decisions/0011-teams-and-run-numbers.md).
CREATE TABLE "teams" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "teams_slug_key" ON "teams"("slug");

CREATE TABLE "team_members" (
    "team_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_members_pkey" PRIMARY KEY ("team_id", "user_id")
);
CREATE INDEX "team_members_user_id_idx" ON "team_members"("user_id");
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The default team is the oldest one; it predates every template and run it receives.
INSERT INTO "teams" ("id", "slug", "name", "created_at")
SELECT gen_random_uuid(), 'default', 'Default team',
       LEAST(CURRENT_TIMESTAMP, (SELECT min("created_at") FROM "users"), (SELECT min("created_at") FROM "templates"));

-- Operators and subscribers keep their role, now held in the default team.
INSERT INTO "team_members" ("team_id", "user_id", "role", "created_at")
SELECT t."id", u."id", u."role", u."created_at"
FROM "users" u CROSS JOIN "teams" t
WHERE t."slug" = 'default' AND u."role" IN ('operator', 'subscriber');

ALTER TABLE "templates" ADD COLUMN "team_id" UUID;
UPDATE "templates" SET "team_id" = (SELECT "id" FROM "teams" WHERE "slug" = 'default');
ALTER TABLE "templates" ALTER COLUMN "team_id" SET NOT NULL;
CREATE INDEX "templates_team_id_idx" ON "templates"("team_id");
ALTER TABLE "templates" ADD CONSTRAINT "templates_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The global number stays the run's address (/runs/<number>, /api/v1/runs/<number>); the
-- team number counts the team's own runs. In the default team both are the same.
ALTER TABLE "runs" ADD COLUMN "team_id" UUID;
ALTER TABLE "runs" ADD COLUMN "team_number" INTEGER;
UPDATE "runs" SET "team_id" = (SELECT "id" FROM "teams" WHERE "slug" = 'default'), "team_number" = "number";
ALTER TABLE "runs" ALTER COLUMN "team_id" SET NOT NULL;
ALTER TABLE "runs" ALTER COLUMN "team_number" SET NOT NULL;
CREATE UNIQUE INDEX "runs_team_id_team_number_key" ON "runs"("team_id", "team_number");
ALTER TABLE "runs" ADD CONSTRAINT "runs_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A token acts in one team only.
ALTER TABLE "api_tokens" ADD COLUMN "team_id" UUID;
UPDATE "api_tokens" SET "team_id" = (SELECT "id" FROM "teams" WHERE "slug" = 'default');
ALTER TABLE "api_tokens" ALTER COLUMN "team_id" SET NOT NULL;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "teams", "team_members" TO runsheet_app;
  END IF;
END
$$;
