-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'operator', 'auditor', 'subscriber');
CREATE TYPE "RunStatus" AS ENUM ('open', 'closed');
CREATE TYPE "ItemState" AS ENUM ('open', 'done', 'skipped', 'not_taken');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'operator',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE UNIQUE INDEX "users_handle_key" ON "users"("handle");

CREATE TABLE "templates" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "templates_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "templates_slug_key" ON "templates"("slug");

CREATE TABLE "template_versions" (
    "id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "source_markdown" TEXT NOT NULL,
    "source_sha256" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "template_versions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "template_versions_template_id_version_key" ON "template_versions"("template_id", "version");

CREATE TABLE "runs" (
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "template_version_id" UUID NOT NULL,
    "fields" JSONB NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'open',
    "parent_run_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "runs_number_key" ON "runs"("number");
CREATE INDEX "runs_parent_run_id_idx" ON "runs"("parent_run_id");

CREATE TABLE "run_sections" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "offset_minutes" INTEGER,
    "offset_label" TEXT,
    "branch" TEXT,
    CONSTRAINT "run_sections_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "run_sections_run_id_key_key" ON "run_sections"("run_id", "key");
CREATE UNIQUE INDEX "run_sections_run_id_position_key" ON "run_sections"("run_id", "position");

CREATE TABLE "run_items" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "section_id" UUID NOT NULL,
    "parent_id" UUID,
    "position" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "state" "ItemState" NOT NULL DEFAULT 'open',
    "assignee_id" UUID,
    "done_by_id" UUID,
    "done_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "elapsed_ms" INTEGER,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "run_items_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "run_items_run_id_position_key" ON "run_items"("run_id", "position");
CREATE INDEX "run_items_section_id_idx" ON "run_items"("section_id");

CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "stream" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "run_id" UUID,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "item_id" UUID,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "prev_hash" TEXT,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "audit_events_stream_seq_key" ON "audit_events"("stream", "seq");
CREATE INDEX "audit_events_run_id_idx" ON "audit_events"("run_id");
CREATE INDEX "audit_events_item_id_idx" ON "audit_events"("item_id");

-- AddForeignKey
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "runs" ADD CONSTRAINT "runs_template_version_id_fkey" FOREIGN KEY ("template_version_id") REFERENCES "template_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "runs" ADD CONSTRAINT "runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "runs" ADD CONSTRAINT "runs_parent_run_id_fkey" FOREIGN KEY ("parent_run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "run_sections" ADD CONSTRAINT "run_sections_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "run_sections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "run_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_done_by_id_fkey" FOREIGN KEY ("done_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The audit log is evidence: refuse any UPDATE or DELETE, whoever asks.
CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();
