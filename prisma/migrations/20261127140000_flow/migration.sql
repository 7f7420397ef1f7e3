-- The promotion flow: maintenance window, result, child runs' parent item, decisions.
ALTER TABLE "runs" ADD COLUMN "result" TEXT,
    ADD COLUMN "window_start" TIMESTAMPTZ(3),
    ADD COLUMN "window_end" TIMESTAMPTZ(3),
    ADD COLUMN "window_time_zone" TEXT NOT NULL DEFAULT 'UTC',
    ADD COLUMN "parent_item_id" UUID;
-- One child run per link item, even under concurrent clicks.
CREATE UNIQUE INDEX "runs_parent_item_id_key" ON "runs"("parent_item_id");
ALTER TABLE "runs" ADD CONSTRAINT "runs_result_check" CHECK ("result" IN ('NO GO', 'SUCCEEDED', 'FAILED'));

CREATE TABLE "run_decisions" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "decision" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "supersedes_id" UUID,
    CONSTRAINT "run_decisions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "run_decisions_decision_check" CHECK ("decision" IN ('GO', 'NO GO')),
    CONSTRAINT "run_decisions_rationale_check" CHECK (length(btrim("rationale")) > 0)
);
CREATE UNIQUE INDEX "run_decisions_supersedes_id_key" ON "run_decisions"("supersedes_id");
CREATE INDEX "run_decisions_run_id_idx" ON "run_decisions"("run_id");

ALTER TABLE "run_decisions" ADD CONSTRAINT "run_decisions_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_decisions" ADD CONSTRAINT "run_decisions_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "run_decisions" ADD CONSTRAINT "run_decisions_supersedes_id_fkey" FOREIGN KEY ("supersedes_id") REFERENCES "run_decisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
