-- Which app instance drives an automation execution, and until when: the holder renews the
-- lease with a heartbeat; once it expires, another instance may claim the execution and
-- continue its monitoring, so two instances never drive one execution at once.
ALTER TABLE "automation_executions" ADD COLUMN "lease_owner" TEXT;
ALTER TABLE "automation_executions" ADD COLUMN "lease_expires_at" TIMESTAMPTZ(3);
