-- One Statuspage scheduled maintenance per run. The row keeps the maintenance's id and what
-- was last told to Statuspage (status and a hash of the whole request), so every transition
-- is made once: a sync whose request matches the last one sent does nothing.
CREATE TABLE "run_maintenances" (
    "run_id" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "incident_id" TEXT,
    "status" TEXT,
    "synced_key" TEXT,
    "synced_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_maintenances_pkey" PRIMARY KEY ("run_id")
);
ALTER TABLE "run_maintenances" ADD CONSTRAINT "run_maintenances_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "run_maintenances" TO runsheet_app;
  END IF;
END
$$;
