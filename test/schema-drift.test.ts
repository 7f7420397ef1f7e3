import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase } from "./fixtures";
import { compareSchema, readDatamodel, readDbSchema, type Datamodel, type DbSchema } from "./schema-compare";

let model: Datamodel;
let database: DbSchema;

async function readSchemaOf(url: string): Promise<DbSchema> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readDbSchema(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  model = await readDatamodel();
  database = await readSchemaOf(process.env.DATABASE_URL!);
});

/** A deep, writable copy of the database side to alter. */
function copy(db: DbSchema): DbSchema {
  return structuredClone(db);
}

function table(db: DbSchema, name: string) {
  const t = db.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

function column(db: DbSchema, tableName: string, name: string) {
  const c = table(db, tableName).columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${tableName}.${name}`);
  return c;
}

describe("schema drift", () => {
  it("finds prisma/schema.prisma and the migrated database in agreement", () => {
    expect(compareSchema(model, database)).toEqual([]);
  });

  it("reads both sides fully, so that agreement is not agreement between two empty lists", () => {
    const core = [
      "audit_events",
      "run_items",
      "run_sections",
      "runs",
      "template_versions",
      "templates",
      "users",
    ];
    const modelTables = model.models.map((m) => m.dbName ?? m.name).sort();
    expect(modelTables).toEqual(expect.arrayContaining(core));
    // Every table but the migration runner's own is a model, and the other way round.
    expect(database.tables.map((t) => t.name).sort()).toEqual(
      ["_runsheet_migrations", ...modelTables].sort(),
    );
    expect(database.enums).toEqual([
      { name: "ItemState", values: ["open", "done", "skipped", "not_taken"] },
      { name: "Role", values: ["admin", "operator", "auditor", "subscriber"] },
      { name: "RunStatus", values: ["open", "closed"] },
    ]);
    expect(column(database, "runs", "created_at")).toEqual({
      name: "created_at",
      dataType: "timestamp with time zone",
      udtName: "timestamptz",
      nullable: false,
      datetimePrecision: 3,
      default: "CURRENT_TIMESTAMP",
    });
    // run, section, parent, assignee, done by, unlocked by
    expect(table(database, "run_items").foreignKeys).toHaveLength(6);
    expect(table(database, "run_sections").uniqueIndexes).toEqual(
      expect.arrayContaining([
        ["run_id", "key"],
        ["run_id", "position"],
      ]),
    );
  });

  it("reports each deliberate difference, exactly", () => {
    const altered = copy(database);
    const users = table(altered, "users");
    users.columns = users.columns.filter((c) => c.name !== "handle");
    users.uniqueIndexes = users.uniqueIndexes.filter((u) => u.join() !== "handle");
    column(altered, "users", "password_hash").nullable = false;
    column(altered, "run_items", "note").nullable = false;
    column(altered, "runs", "title").nullable = true;
    table(altered, "runs").columns.push({
      name: "nickname",
      dataType: "text",
      udtName: "text",
      nullable: true,
      datetimePrecision: null,
      default: null,
    });
    Object.assign(column(altered, "run_items", "elapsed_ms"), { dataType: "bigint", udtName: "int8" });
    column(altered, "audit_events", "created_at").datetimePrecision = 6;
    column(altered, "users", "role").default = null;
    column(altered, "users", "active").default = "false";
    column(altered, "runs", "id").default = "gen_random_uuid()";
    const state = altered.enums.find((e) => e.name === "ItemState")!;
    state.values = ["open", "done", "not_taken", "skipped"];
    altered.enums = altered.enums.filter((e) => e.name !== "RunStatus");
    const sections = table(altered, "run_sections");
    sections.uniqueIndexes = sections.uniqueIndexes.filter((u) => u.join() !== "run_id,key");
    const items = table(altered, "run_items");
    items.foreignKeys = items.foreignKeys.filter((f) => f.columns.join() !== "parent_id");
    const runFk = items.foreignKeys.find((f) => f.columns.join() === "run_id")!;
    runFk.onDelete = "Restrict";
    altered.tables = altered.tables.filter((t) => t.name !== "templates");

    expect(compareSchema(model, altered)).toEqual([
      'enum "RunStatus" is missing',
      'enum "ItemState" has values [open, done, not_taken, skipped]; the schema says [open, done, skipped, not_taken]',
      'column "users"."handle" (User.handle) is missing',
      'column "users"."password_hash" (User.passwordHash) is NOT NULL; the schema says optional',
      'column "users"."role" (User.role) has default none; the schema says \'operator\'::"Role"',
      'column "users"."active" (User.active) has default false; the schema says true',
      'unique index on "users" ("handle") is missing',
      'table "templates" (model Template) is missing',
      'column "runs"."id" (Run.id) has default gen_random_uuid(); the schema says none',
      'column "runs"."title" (Run.title) is nullable; the schema says required',
      'column "runs"."nickname" is not a field of model Run',
      'unique index on "run_sections" ("run_id", "key") is missing',
      'column "run_items"."elapsed_ms" (RunItem.elapsedMs) is bigint (int8); the schema says integer (int4)',
      'column "run_items"."note" (RunItem.note) is NOT NULL; the schema says optional',
      'foreign key "run_items" ("run_id") -> "runs" ("id") (RunItem.run) has ON DELETE Restrict; the schema says Cascade',
      'foreign key "run_items" ("parent_id") -> "run_items" ("id") (RunItem.parent) is missing',
      'column "audit_events"."created_at" (AuditEvent.createdAt) has precision 6; the schema says 3',
    ]);
  });

  it("reports what the database has and the schema lacks", () => {
    const altered = copy(database);
    altered.enums.push({ name: "Mood", values: ["calm"] });
    altered.tables.push({
      name: "scratch",
      columns: [],
      primaryKey: [],
      uniqueIndexes: [],
      indexes: [],
      foreignKeys: [],
    });
    table(altered, "runs").uniqueIndexes.push(["title"]);
    table(altered, "runs").indexes.push(["created_at"]);
    table(altered, "audit_events").foreignKeys.push({
      name: "audit_events_item_id_fkey",
      columns: ["item_id"],
      referencedTable: "run_items",
      referencedColumns: ["id"],
      onDelete: "SetNull",
      onUpdate: "Cascade",
    });

    expect(compareSchema(model, altered)).toEqual([
      'enum "Mood" is in the database but not in the schema',
      'unique index on "runs" ("title") is in the database but not in the schema',
      'index on "runs" ("created_at") is in the database but not in the schema',
      'foreign key "audit_events" ("item_id") -> "run_items" ("id") is in the database but not in the schema',
      'table "scratch" is in the database but not in the schema',
    ]);
  });

  it("reports a schema field that no migration created", () => {
    const edited = structuredClone(model) as { -readonly [K in keyof Datamodel]: Datamodel[K] };
    const runModel = edited.models.find((m) => m.name === "Run")!;
    const title = runModel.fields.find((f) => f.name === "title")!;
    (runModel.fields as unknown as unknown[]).push({
      ...title,
      name: "summary",
      dbName: "summary",
      isRequired: false,
    });

    expect(compareSchema(edited as Datamodel, database)).toEqual([
      'column "runs"."summary" (Run.summary) is missing',
    ]);
  });

  it("notices changes made to a real migrated database", async () => {
    const scratch = await createScratchDatabase();
    try {
      await migrate(scratch.url);
      expect(compareSchema(model, await readSchemaOf(scratch.url))).toEqual([]);
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        await client.query(`
          ALTER TYPE "ItemState" ADD VALUE 'blocked';
          ALTER TABLE "users" ALTER COLUMN "name" DROP NOT NULL;
          ALTER TABLE "users" ALTER COLUMN "role" DROP DEFAULT;
          DROP INDEX "users_handle_key";
          ALTER TABLE "runs" ADD COLUMN "nickname" TEXT;
          ALTER TABLE "run_items" ALTER COLUMN "elapsed_ms" TYPE BIGINT;
          ALTER TABLE "run_items" DROP CONSTRAINT "run_items_parent_id_fkey";
          ALTER TABLE "audit_events" ALTER COLUMN "created_at" TYPE TIMESTAMPTZ(6);
        `);
      } finally {
        await client.end();
      }
      expect(compareSchema(model, await readSchemaOf(scratch.url))).toEqual([
        'enum "ItemState" has values [open, done, skipped, not_taken, blocked]; the schema says [open, done, skipped, not_taken]',
        'column "users"."name" (User.name) is nullable; the schema says required',
        'column "users"."role" (User.role) has default none; the schema says \'operator\'::"Role"',
        'unique index on "users" ("handle") is missing',
        'column "runs"."nickname" is not a field of model Run',
        'column "run_items"."elapsed_ms" (RunItem.elapsedMs) is bigint (int8); the schema says integer (int4)',
        'foreign key "run_items" ("parent_id") -> "run_items" ("id") (RunItem.parent) is missing',
        'column "audit_events"."created_at" (AuditEvent.createdAt) has precision 6; the schema says 3',
      ]);
    } finally {
      await scratch.drop();
    }
  });
});
