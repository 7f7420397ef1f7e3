-- Timed announcements: a template may have its timed announcement items ask for a one-click
-- confirm at their time ("confirm") or send on their own ("auto"); "off" leaves them manual.
ALTER TABLE "template_reminder_policies" ADD COLUMN "timed_announcements" TEXT NOT NULL DEFAULT 'off';

-- One row per timed announcement item of a run. The row is the truth; queue jobs only wake the
-- worker at fire_at, and a sweep every minute catches a wake-up that was lost.
CREATE TABLE "run_timed_announcements" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "mode" TEXT NOT NULL,
    "fire_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "claimed_at" TIMESTAMPTZ(3),
    "asked_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "sent_how" TEXT,
    "confirmed_by_id" UUID,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_timed_announcements_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "run_timed_announcements_item_id_key" ON "run_timed_announcements"("item_id");
CREATE INDEX "run_timed_announcements_run_id_idx" ON "run_timed_announcements"("run_id");
CREATE INDEX "run_timed_announcements_status_fire_at_idx" ON "run_timed_announcements"("status", "fire_at");
ALTER TABLE "run_timed_announcements" ADD CONSTRAINT "run_timed_announcements_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_timed_announcements" ADD CONSTRAINT "run_timed_announcements_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "run_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_timed_announcements" ADD CONSTRAINT "run_timed_announcements_confirmed_by_id_fkey" FOREIGN KEY ("confirmed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A subscriber is asked to acknowledge ("ack", from an acknowledgement group) or only informed
-- ("cc", from the template's /cc line).
ALTER TABLE "run_subscribers" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'ack';

-- How a person wants to hear about runs they are copied on: "email" or "none".
ALTER TABLE "users" ADD COLUMN "subscription_delivery" TEXT NOT NULL DEFAULT 'email';

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "run_timed_announcements" TO runsheet_app;
  END IF;
END
$$;
