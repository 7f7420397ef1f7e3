import { randomUUID } from "node:crypto";
import type pg from "pg";
import { hashEvent } from "@/lib/audit/hash-event";

/**
 * A workspace as it stood before teams, written with plain SQL (the app's client already
 * knows the new columns): people of every role, a template with a version, a run and its
 * child run with sections and items (some done), completers, a subscriber, an API token,
 * and audit events chained per stream exactly as the app chains them.
 */
export async function populateBeforeTeams(client: pg.Client) {
  const ids = { admin: randomUUID(), olivia: randomUUID(), sam: randomUUID(), aud: randomUUID() };
  const people: [string, string, string][] = [
    [ids.admin, "admin", "ada"],
    [ids.olivia, "operator", "olivia"],
    [ids.sam, "subscriber", "sam"],
    [ids.aud, "auditor", "audrey"],
  ];
  for (const [id, role, handle] of people)
    await client.query(
      `INSERT INTO users (id, email, name, handle, role, created_at) VALUES ($1, $2, $3, $4, $5, '2026-11-01T08:00:00Z')`,
      [id, `${handle}@example.test`, handle, handle, role],
    );
  const template = randomUUID();
  const version = randomUUID();
  await client.query(
    `INSERT INTO templates (id, slug, name, built_in, created_at) VALUES ($1, 'promote', 'Promote', true, '2026-11-02T08:00:00Z')`,
    [template],
  );
  await client.query(
    `INSERT INTO template_versions (id, template_id, version, source_markdown, source_sha256, definition, created_at)
     VALUES ($1, $2, 1, '# Promote', 'abc', '{"sections": []}', '2026-11-02T08:00:00Z')`,
    [version, template],
  );
  const parent = await insertRun(client, { number: 7, version, by: ids.olivia, parent: null });
  const child = await insertRun(client, { number: 8, version, by: ids.olivia, parent: parent.run });
  await client.query(`INSERT INTO run_assignees (run_id, user_id) VALUES ($1, $2)`, [parent.run, ids.olivia]);
  await client.query(
    `INSERT INTO run_subscribers (id, run_id, group_key, group_name, user_id, email, name, token_hash)
     VALUES ($1, $2, 'ops', 'Ops', $3, 'sam@example.test', 'sam', 'hash-1')`,
    [randomUUID(), parent.run, ids.sam],
  );
  await client.query(
    `INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, scopes) VALUES ($1, $2, 'ci', 'abcd1234', 'tok-1', '{runs.read}')`,
    [randomUUID(), ids.olivia],
  );
  await chain(client, "system", null, [
    { actorId: null, action: "user.created", payload: { userId: ids.olivia } },
    { actorId: null, action: "template.imported", payload: { templateId: template, version: 1 } },
  ]);
  for (const r of [parent, child])
    await chain(client, `run:${r.run}`, r.run, [
      { actorId: ids.olivia, action: "run.created", payload: { number: r.number } },
      { actorId: ids.olivia, action: "item.ticked", itemId: r.items[0], payload: { path: "1", version: 1 } },
    ]);
  return { ids, template, parent, child };
}

async function insertRun(
  client: pg.Client,
  r: { number: number; version: string; by: string; parent: string | null },
) {
  const run = randomUUID();
  const section = randomUUID();
  await client.query(
    `INSERT INTO runs (id, number, title, template_version_id, fields, created_by_id, parent_run_id, created_at)
     VALUES ($1, $2, $3, $4, '{"changesetVersion": "4.3"}', $5, $6, '2026-11-03T08:00:00Z')`,
    [run, r.number, `Promote #${r.number}`, r.version, r.by, r.parent],
  );
  await client.query(
    `INSERT INTO run_sections (id, run_id, key, position, title) VALUES ($1, $2, 'prep', 0, 'Preparation')`,
    [section, run],
  );
  const items = [randomUUID(), randomUUID()];
  await client.query(
    `INSERT INTO run_items (id, run_id, section_id, position, path, depth, kind, text, spec, state, done_by_id, done_at, version)
     VALUES ($1, $3, $4, 0, '1', 0, 'task', 'Check dashboards', '{}', 'done', $5, '2026-11-03T09:00:00Z', 1),
            ($2, $3, $4, 1, '2', 0, 'task', 'Deploy', '{}', 'open', NULL, NULL, 0)`,
    [items[0], items[1], run, section, r.by],
  );
  return { run, number: r.number, items };
}

type Event = { actorId: string | null; action: string; itemId?: string; payload: Record<string, unknown> };

async function chain(client: pg.Client, stream: string, runId: string | null, events: Event[]) {
  let prevHash: string | null = null;
  for (const [n, e] of events.entries()) {
    const fields = {
      stream,
      seq: n + 1,
      runId,
      actorId: e.actorId,
      action: e.action,
      itemId: e.itemId ?? null,
      payload: e.payload,
      createdAt: new Date(Date.UTC(2026, 10, 3, 10, n)).toISOString(),
      prevHash,
    };
    const hash = hashEvent(fields);
    await client.query(
      `INSERT INTO audit_events (stream, seq, run_id, actor_id, action, item_id, payload, created_at, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        stream,
        fields.seq,
        runId,
        e.actorId,
        e.action,
        fields.itemId,
        e.payload,
        fields.createdAt,
        prevHash,
        hash,
      ],
    );
    prevHash = hash;
  }
}
