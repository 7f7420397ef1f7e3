-- Reminders before each phase's due time and one escalation when a phase is overdue.
-- A template's reminder policy: lead times per phase (by section key) and the overdue margin;
-- phases it does not name get a default from their offset (lib/reminders/lead-time.ts).
CREATE TABLE "template_reminder_policies" (
    "template_id" UUID NOT NULL,
    "lead_minutes" JSONB NOT NULL DEFAULT '{}',
    "overdue_margin_minutes" INTEGER NOT NULL DEFAULT 15,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "template_reminder_policies_pkey" PRIMARY KEY ("template_id")
);
ALTER TABLE "template_reminder_policies" ADD CONSTRAINT "template_reminder_policies_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row per phase and kind ("lead" before the due time, "overdue" after it plus the margin).
-- The row is the truth; queue jobs only wake the worker at fire_at, and a sweep every minute
-- catches any wake-up that was lost.
CREATE TABLE "run_reminders" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "section_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_reminders_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "run_reminders_section_id_kind_key" ON "run_reminders"("section_id", "kind");
CREATE INDEX "run_reminders_run_id_idx" ON "run_reminders"("run_id");
CREATE INDEX "run_reminders_status_fire_at_idx" ON "run_reminders"("status", "fire_at");
ALTER TABLE "run_reminders" ADD CONSTRAINT "run_reminders_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_reminders" ADD CONSTRAINT "run_reminders_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "run_sections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "template_reminder_policies", "run_reminders" TO runsheet_app;
  END IF;
END
$$;
