import { readFile } from "node:fs/promises";
import path from "node:path";
import internals from "@prisma/internals";
import type pg from "pg";

/**
 * The two sides of the schema drift check (test/schema-drift.test.ts): what
 * prisma/schema.prisma declares, as Prisma's DMMF, and what the migrated database
 * holds, as read from its catalog. `compareSchema` is pure so that its own test can
 * prove it notices each kind of difference.
 */

// `@prisma/internals` is CommonJS; its named exports are only reachable through the default.
const { getDMMF } = internals;

export type Datamodel = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
type DmmfModel = Datamodel["models"][number];
type DmmfField = DmmfModel["fields"][number];

export type DbColumn = {
  name: string;
  /** information_schema.columns.data_type, e.g. "uuid", "timestamp with time zone", "USER-DEFINED". */
  dataType: string;
  udtName: string;
  nullable: boolean;
  datetimePrecision: number | null;
  default: string | null;
};

export type DbForeignKey = {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
};

export type DbTable = {
  name: string;
  columns: DbColumn[];
  primaryKey: string[];
  /** Column lists of unique indexes other than the primary key. */
  uniqueIndexes: string[][];
  /** Column lists of non-unique indexes. */
  indexes: string[][];
  foreignKeys: DbForeignKey[];
};

export type DbSchema = {
  tables: DbTable[];
  enums: { name: string; values: string[] }[];
};

export type ReferentialAction = "Cascade" | "Restrict" | "NoAction" | "SetNull" | "SetDefault";

/** Tables in the database that belong to the migration runner, not to the data model. */
export const RUNNER_TABLES = ["_runsheet_migrations"];

export const SCHEMA_PATH = path.join(process.cwd(), "prisma", "schema.prisma");

export async function readDatamodel(schemaPath = SCHEMA_PATH): Promise<Datamodel> {
  const datamodel = await readFile(schemaPath, "utf8");
  const dmmf = await getDMMF({ datamodel });
  return dmmf.datamodel;
}

const ACTIONS: Record<string, ReferentialAction> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

/** Reads tables, columns, indexes, foreign keys and enums of the connection's current schema. */
export async function readDbSchema(client: pg.Client): Promise<DbSchema> {
  const tables = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
     ORDER BY table_name`,
  );
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: "YES" | "NO";
    datetime_precision: number | null;
    column_default: string | null;
  }>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision, column_default
     FROM information_schema.columns
     WHERE table_schema = current_schema()
     ORDER BY table_name, ordinal_position`,
  );
  const indexes = await client.query<{
    table_name: string;
    is_unique: boolean;
    is_primary: boolean;
    columns: string[];
  }>(
    `SELECT tc.relname AS table_name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
            array_agg(a.attname::text ORDER BY k.ord) AS columns
     FROM pg_index i
     JOIN pg_class tc ON tc.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = tc.relnamespace
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = k.attnum
     WHERE n.nspname = current_schema() AND i.indpred IS NULL
     GROUP BY i.indexrelid, tc.relname, i.indisunique, i.indisprimary`,
  );
  const fks = await client.query<{
    name: string;
    table_name: string;
    referenced_table: string;
    columns: string[];
    referenced_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT c.conname AS name, tc.relname AS table_name, rc.relname AS referenced_table,
            array_agg(a.attname::text ORDER BY k.ord) AS columns,
            array_agg(ra.attname::text ORDER BY k.ord) AS referenced_columns,
            c.confdeltype AS on_delete, c.confupdtype AS on_update
     FROM pg_constraint c
     JOIN pg_class tc ON tc.oid = c.conrelid
     JOIN pg_class rc ON rc.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = c.connamespace
     CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, refattnum, ord)
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
     JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refattnum
     WHERE c.contype = 'f' AND n.nspname = current_schema()
     GROUP BY c.oid, c.conname, tc.relname, rc.relname, c.confdeltype, c.confupdtype`,
  );
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
     FROM pg_type t
     JOIN pg_enum e ON e.enumtypid = t.oid
     JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema()
     GROUP BY t.typname
     ORDER BY t.typname`,
  );
  return {
    tables: tables.rows.map(({ table_name: table }) => ({
      name: table,
      columns: columns.rows
        .filter((c) => c.table_name === table)
        .map((c) => ({
          name: c.column_name,
          dataType: c.data_type,
          udtName: c.udt_name,
          nullable: c.is_nullable === "YES",
          datetimePrecision: c.datetime_precision,
          default: c.column_default,
        })),
      primaryKey: indexes.rows.find((i) => i.table_name === table && i.is_primary)?.columns ?? [],
      uniqueIndexes: indexes.rows
        .filter((i) => i.table_name === table && i.is_unique && !i.is_primary)
        .map((i) => i.columns),
      indexes: indexes.rows.filter((i) => i.table_name === table && !i.is_unique).map((i) => i.columns),
      foreignKeys: fks.rows
        .filter((f) => f.table_name === table)
        .map((f) => ({
          name: f.name,
          columns: f.columns,
          referencedTable: f.referenced_table,
          referencedColumns: f.referenced_columns,
          onDelete: ACTIONS[f.on_delete] ?? "NoAction",
          onUpdate: ACTIONS[f.on_update] ?? "NoAction",
        })),
    })),
    enums: enums.rows,
  };
}

type ExpectedType = { dataType: string; udtName: string; precision?: number };

const BASE_TYPES: Record<string, ExpectedType> = {
  String: { dataType: "text", udtName: "text" },
  Int: { dataType: "integer", udtName: "int4" },
  BigInt: { dataType: "bigint", udtName: "int8" },
  Boolean: { dataType: "boolean", udtName: "bool" },
  Float: { dataType: "double precision", udtName: "float8" },
  Decimal: { dataType: "numeric", udtName: "numeric" },
  Bytes: { dataType: "bytea", udtName: "bytea" },
  // Prisma's default for DateTime on PostgreSQL is TIMESTAMP(3).
  DateTime: { dataType: "timestamp without time zone", udtName: "timestamp", precision: 3 },
  Json: { dataType: "jsonb", udtName: "jsonb" },
};

const NATIVE_TYPES: Record<string, (args: readonly string[]) => ExpectedType> = {
  Uuid: () => ({ dataType: "uuid", udtName: "uuid" }),
  Text: () => ({ dataType: "text", udtName: "text" }),
  VarChar: () => ({ dataType: "character varying", udtName: "varchar" }),
  Integer: () => ({ dataType: "integer", udtName: "int4" }),
  SmallInt: () => ({ dataType: "smallint", udtName: "int2" }),
  Timestamptz: (args) => ({
    dataType: "timestamp with time zone",
    udtName: "timestamptz",
    precision: Number(args[0] ?? 6),
  }),
  Timestamp: (args) => ({
    dataType: "timestamp without time zone",
    udtName: "timestamp",
    precision: Number(args[0] ?? 6),
  }),
  Date: () => ({ dataType: "date", udtName: "date" }),
  Json: () => ({ dataType: "json", udtName: "json" }),
  JsonB: () => ({ dataType: "jsonb", udtName: "jsonb" }),
};

function expectedType(field: DmmfField, enumDbName: (name: string) => string): ExpectedType | null {
  let base: ExpectedType | undefined;
  if (field.kind === "enum") {
    base = { dataType: "USER-DEFINED", udtName: enumDbName(field.type) };
  } else if (field.nativeType) {
    const [native, args] = field.nativeType;
    base = NATIVE_TYPES[native]?.(args);
  } else {
    base = BASE_TYPES[field.type];
  }
  if (!base) return null;
  return field.isList ? { dataType: "ARRAY", udtName: `_${base.udtName}` } : base;
}

type ExpectedDefault = { pattern: RegExp; text: string };

/** The column default a field's @default puts in the database; undefined: no database default. */
function expectedDefault(
  field: DmmfField,
  enumDbName: (name: string) => string,
): ExpectedDefault | undefined {
  const d = field.default;
  if (d === undefined) return undefined;
  if (typeof d === "object" && !Array.isArray(d)) {
    const fn = d as { name: string; args: readonly (string | number)[] };
    switch (fn.name) {
      case "now":
        return { pattern: /^CURRENT_TIMESTAMP$/, text: "CURRENT_TIMESTAMP" };
      case "autoincrement":
        return { pattern: /^nextval\('.+'::regclass\)$/, text: "nextval(<sequence>)" };
      case "dbgenerated":
        return { pattern: /.+/, text: "a database expression" };
      default:
        // uuid(), cuid(), nanoid(), ulid(): filled in by the client, not the database.
        return undefined;
    }
  }
  const literal = (v: string | number | boolean): ExpectedDefault => {
    if (typeof v !== "string") return { pattern: new RegExp(escapeRegExp(String(v))), text: String(v) };
    const quoted = `'${v.replace(/'/g, "''")}'`;
    if (field.kind === "enum") {
      const type = enumDbName(field.type);
      return {
        pattern: new RegExp(`${escapeRegExp(quoted)}::"?${escapeRegExp(type)}"?`),
        text: `${quoted}::"${type}"`,
      };
    }
    return { pattern: new RegExp(`${escapeRegExp(quoted)}(::[a-z ]+)?`), text: quoted };
  };
  const parts = (Array.isArray(d) ? d : [d as string | number | boolean]).map(literal);
  const body = parts.map((p) => p.pattern.source).join(", ");
  return Array.isArray(d)
    ? { pattern: new RegExp(`^ARRAY\\[${body}\\]`), text: `ARRAY[${parts.map((p) => p.text).join(", ")}]` }
    : { pattern: new RegExp(`^${body}$`), text: parts.map((p) => p.text).join("") };
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const cols = (c: readonly string[]) => `(${c.map((n) => `"${n}"`).join(", ")})`;
const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Every way the database differs from the data model, one line each; empty when they
 * agree. Tables of the migration runner (RUNNER_TABLES) are ignored.
 */
export function compareSchema(model: Datamodel, database: DbSchema): string[] {
  const diffs: string[] = [];
  const enumDbName = (name: string) => model.enums.find((e) => e.name === name)?.dbName ?? name;
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f?.dbName ?? fieldName;
  };

  // Enums: same names, same values in the same order.
  for (const e of model.enums) {
    const name = e.dbName ?? e.name;
    const values = e.values.map((v) => v.dbName ?? v.name);
    const found = database.enums.find((x) => x.name === name);
    if (!found) {
      diffs.push(`enum "${name}" is missing`);
    } else if (!same(found.values, values)) {
      diffs.push(
        `enum "${name}" has values [${found.values.join(", ")}]; the schema says [${values.join(", ")}]`,
      );
    }
  }
  for (const e of database.enums) {
    if (!model.enums.some((x) => (x.dbName ?? x.name) === e.name)) {
      diffs.push(`enum "${e.name}" is in the database but not in the schema`);
    }
  }

  for (const m of model.models) {
    const tableName = tableOf(m);
    const table = database.tables.find((t) => t.name === tableName);
    if (!table) {
      diffs.push(`table "${tableName}" (model ${m.name}) is missing`);
      continue;
    }

    // Columns: one per scalar or enum field, with a compatible type and the same nullability.
    const fields = m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    for (const f of fields) {
      const columnName = f.dbName ?? f.name;
      const where = `column "${tableName}"."${columnName}" (${m.name}.${f.name})`;
      const column = table.columns.find((c) => c.name === columnName);
      if (!column) {
        diffs.push(`${where} is missing`);
        continue;
      }
      const want = expectedType(f, enumDbName);
      if (!want) {
        diffs.push(`${where} has type ${f.type} that this check does not know`);
      } else {
        if (column.dataType !== want.dataType || column.udtName !== want.udtName) {
          diffs.push(
            `${where} is ${column.dataType} (${column.udtName}); the schema says ${want.dataType} (${want.udtName})`,
          );
        } else if (want.precision !== undefined && column.datetimePrecision !== want.precision) {
          diffs.push(`${where} has precision ${column.datetimePrecision}; the schema says ${want.precision}`);
        }
      }
      if (column.nullable === f.isRequired) {
        diffs.push(
          f.isRequired
            ? `${where} is nullable; the schema says required`
            : `${where} is NOT NULL; the schema says optional`,
        );
      }
      const wantDefault = expectedDefault(f, enumDbName);
      if (
        wantDefault === undefined ? column.default !== null : !wantDefault.pattern.test(column.default ?? "")
      ) {
        diffs.push(
          `${where} has default ${column.default ?? "none"}; the schema says ${wantDefault?.text ?? "none"}`,
        );
      }
    }
    for (const c of table.columns) {
      if (!fields.some((f) => (f.dbName ?? f.name) === c.name)) {
        diffs.push(`column "${tableName}"."${c.name}" is not a field of model ${m.name}`);
      }
    }

    // Indexes: the primary key, unique sets and plain indexes, as ordered column lists.
    const indexes = model.indexes.filter((i) => i.model === m.name);
    const pk = indexes.find((i) => i.type === "id");
    const pkColumns = pk ? pk.fields.map((f) => columnOf(m, f.name)) : [];
    if (!same(table.primaryKey, pkColumns)) {
      diffs.push(
        `primary key of "${tableName}" is ${cols(table.primaryKey)}; the schema says ${cols(pkColumns)}`,
      );
    }
    for (const [kind, label, dbLists] of [
      ["unique", "unique index", table.uniqueIndexes],
      ["normal", "index", table.indexes],
    ] as const) {
      const wanted = indexes
        .filter((i) => i.type === kind)
        .map((i) => i.fields.map((f) => columnOf(m, f.name)));
      for (const w of wanted) {
        if (!dbLists.some((d) => same(d, w))) diffs.push(`${label} on "${tableName}" ${cols(w)} is missing`);
      }
      for (const d of dbLists) {
        if (!wanted.some((w) => same(d, w))) {
          diffs.push(`${label} on "${tableName}" ${cols(d)} is in the database but not in the schema`);
        }
      }
    }

    // Foreign keys: one per relation field that holds the reference.
    const relations = m.fields.filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0);
    const matched = new Set<DbForeignKey>();
    for (const r of relations) {
      const target = model.models.find((x) => x.name === r.type);
      if (!target) continue;
      const from = (r.relationFromFields ?? []).map((n) => columnOf(m, n));
      const to = (r.relationToFields ?? []).map((n) => columnOf(target, n));
      const desc = `foreign key "${tableName}" ${cols(from)} -> "${tableOf(target)}" ${cols(to)} (${m.name}.${r.name})`;
      const fk = table.foreignKeys.find(
        (k) =>
          same(k.columns, from) && k.referencedTable === tableOf(target) && same(k.referencedColumns, to),
      );
      if (!fk) {
        diffs.push(`${desc} is missing`);
        continue;
      }
      matched.add(fk);
      // Prisma's defaults: a required relation restricts deletes, an optional one sets null.
      const onDelete =
        (r.relationOnDelete as ReferentialAction | undefined) ?? (r.isRequired ? "Restrict" : "SetNull");
      const onUpdate = (r.relationOnUpdate as ReferentialAction | undefined) ?? "Cascade";
      if (fk.onDelete !== onDelete)
        diffs.push(`${desc} has ON DELETE ${fk.onDelete}; the schema says ${onDelete}`);
      if (fk.onUpdate !== onUpdate)
        diffs.push(`${desc} has ON UPDATE ${fk.onUpdate}; the schema says ${onUpdate}`);
    }
    for (const fk of table.foreignKeys) {
      if (!matched.has(fk)) {
        diffs.push(
          `foreign key "${tableName}" ${cols(fk.columns)} -> "${fk.referencedTable}" ${cols(fk.referencedColumns)} is in the database but not in the schema`,
        );
      }
    }
  }

  for (const t of database.tables) {
    if (RUNNER_TABLES.includes(t.name)) continue;
    if (!model.models.some((m) => tableOf(m) === t.name)) {
      diffs.push(`table "${t.name}" is in the database but not in the schema`);
    }
  }
  return diffs;
}
