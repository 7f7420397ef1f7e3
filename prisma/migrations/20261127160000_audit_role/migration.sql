-- The role the application is meant to run as: it may read and append audit events but
-- holds no UPDATE, DELETE or TRUNCATE on them, so a disabled trigger alone does not
-- open the log to the app. Roles are cluster-wide, hence the existence check.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    CREATE ROLE runsheet_app NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO runsheet_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO runsheet_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO runsheet_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM runsheet_app;

-- Lets the migrating owner act as the role (SET ROLE) to prove the refusal.
GRANT runsheet_app TO CURRENT_USER;
