-- A rehearsal run: worked like any run, but its announcements go to each target's test
-- destination (or are captured), its AWS steps are dry runs or go to the sandbox, and it is
-- left out of trends, forecasts and the promotions list unless asked for.
ALTER TABLE "runs" ADD COLUMN "rehearsal" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "runs_rehearsal_idx" ON "runs"("rehearsal");
