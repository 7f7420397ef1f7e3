-- Sessions that end for good, and sign-in backoff that cannot lock anyone out.

-- Carried in every session token and compared on each request: bumping it (sign out
-- everywhere, password change, deactivation, role change) ends every older session.
ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

-- Session ids that were signed out, kept until the session would have expired anyway.
CREATE TABLE "revoked_sessions" (
    "sid" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "revoked_sessions_pkey" PRIMARY KEY ("sid")
);
CREATE INDEX "revoked_sessions_expires_at_idx" ON "revoked_sessions"("expires_at");

-- Failed sign-ins per key (an email with an address, or an email alone) and when the
-- next attempt may come: exponential backoff instead of a lockout anyone can trigger.
CREATE TABLE "login_backoff" (
    "key" VARCHAR(255) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "next_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "login_backoff_pkey" PRIMARY KEY ("key")
);

-- The restricted application role (20261127160000_audit_role) works these tables too.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "revoked_sessions", "login_backoff" TO runsheet_app;
  END IF;
END
$$;
