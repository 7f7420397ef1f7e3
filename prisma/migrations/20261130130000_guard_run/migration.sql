-- Guarding a run: an item started out of order (who, when, why), Go/No-Go approvals with
-- their named approvers, and the plan a GO decision signs.
ALTER TABLE "run_items" ADD COLUMN "unlocked_at" TIMESTAMPTZ(3),
    ADD COLUMN "unlocked_by_id" UUID,
    ADD COLUMN "unlock_reason" TEXT;
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_unlocked_by_id_fkey" FOREIGN KEY ("unlocked_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "run_decisions" ADD COLUMN "plan_sha256" TEXT,
    ADD COLUMN "plan" JSONB;

-- One vote per person per round of a decision item; a withdrawal deletes the vote (the
-- audit log keeps it). A round is the number of decisions recorded on the item before it.
CREATE TABLE "run_approvals" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "user_id" UUID NOT NULL,
    "vote" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "run_approvals_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "run_approvals_vote_check" CHECK ("vote" IN ('GO', 'NO GO')),
    CONSTRAINT "run_approvals_rationale_check" CHECK (length(btrim("rationale")) > 0)
);
CREATE UNIQUE INDEX "run_approvals_item_id_round_user_id_key" ON "run_approvals"("item_id", "round", "user_id");
CREATE INDEX "run_approvals_run_id_idx" ON "run_approvals"("run_id");
ALTER TABLE "run_approvals" ADD CONSTRAINT "run_approvals_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_approvals" ADD CONSTRAINT "run_approvals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The people named to approve a run's decision; when none are named, anyone with runs.decide may.
CREATE TABLE "run_approvers" (
    "run_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "run_approvers_pkey" PRIMARY KEY ("run_id", "user_id")
);
ALTER TABLE "run_approvers" ADD CONSTRAINT "run_approvers_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_approvers" ADD CONSTRAINT "run_approvers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "run_approvals", "run_approvers" TO runsheet_app;
  END IF;
END
$$;
