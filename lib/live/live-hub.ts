import { randomUUID } from "node:crypto";
import pg from "pg";
import {
  PRESENCE_CHANNEL,
  RUN_CHANNEL,
  type PresenceBeat,
  type RunChange,
  type Viewer,
} from "@/lib/live/messages";
import { PresenceMap } from "@/lib/live/presence-map";

export type LiveMessage =
  | { type: "change"; change: RunChange }
  | { type: "presence"; viewers: Viewer[] }
  /** The hub lost its connection for a while: changes may have been missed, reload everything. */
  | { type: "resync" };

type Listener = (m: LiveMessage) => void;

export type LiveHubOptions = {
  connectionString: string;
  connectTimeoutMs?: number;
  presenceBeatMs?: number;
  maxBackoffMs?: number;
  log?: (msg: string) => void;
};

/**
 * One LISTEN connection per app instance, fanned out to the open pages per run. It is a
 * dedicated client, not a pooled one: a pooled connection is handed to other queries and
 * recycled, and LISTEN lives and dies with its session. PostgreSQL carries every
 * committed change to every instance, so pages on any instance see changes made on any other.
 */
export class LiveHub {
  readonly instance = randomUUID();
  private client: pg.Client | null = null;
  private listeners = new Map<string, Set<Listener>>();
  private presence = new PresenceMap();
  private local = new Map<string, Omit<PresenceBeat, "at">>();
  private stopped = false;
  private attempt = 0;
  private everConnected = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private beatTimer: NodeJS.Timeout;
  private firstConnect: Promise<void>;
  private resolveFirst!: () => void;
  private dead = new WeakSet<pg.Client>();
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly opts: LiveHubOptions) {
    this.firstConnect = new Promise((r) => (this.resolveFirst = r));
    this.beatTimer = setInterval(() => this.beat(), opts.presenceBeatMs ?? 20_000);
    this.beatTimer.unref();
    void this.connect();
  }

  /** Resolves once the hub listens (it keeps retrying in the background until then). */
  ready(): Promise<void> {
    return this.firstConnect;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  subscribe(runId: string, fn: Listener): () => void {
    const set = this.listeners.get(runId) ?? new Set<Listener>();
    set.add(fn);
    this.listeners.set(runId, set);
    return () => {
      set.delete(fn);
      if (!set.size) this.listeners.delete(runId);
    };
  }

  viewers(runId: string): Viewer[] {
    return this.presence.viewers(runId);
  }

  /** Announces one open page to every instance until `leave` is called. */
  join(who: { runId: string; userId: string; name: string }): () => void {
    const beat = { ...who, instance: this.instance, conn: randomUUID() };
    this.local.set(beat.conn, beat);
    this.send({ ...beat, at: Date.now() });
    return () => {
      if (!this.local.delete(beat.conn)) return;
      this.send({ ...beat, at: Date.now(), left: true });
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.beatTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      this.dead.add(client);
      await client.end().catch(() => {});
    }
  }

  private async connect() {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.opts.connectionString,
      connectionTimeoutMillis: this.opts.connectTimeoutMs ?? 5_000,
      application_name: "runsheet-live",
      keepAlive: true,
    });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client));
    client.on("notification", (n) => this.onNotification(n.channel, n.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${RUN_CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.stopped || this.dead.has(client)) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.attempt = 0;
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.resolveFirst();
    if (reconnected) {
      this.opts.log?.("live: listening again");
      for (const set of this.listeners.values()) for (const fn of set) fn({ type: "resync" });
    }
    // Other instances may have expired this instance's pages while it was away.
    this.beat();
  }

  private lost(client: pg.Client, err?: unknown) {
    if (this.dead.has(client)) return;
    this.dead.add(client);
    if (this.client === client) this.client = null;
    void client.end().catch(() => {});
    if (this.stopped) return;
    const wait = Math.min(this.opts.maxBackoffMs ?? 10_000, 250 * 2 ** this.attempt++);
    const jittered = wait / 2 + Math.random() * (wait / 2);
    this.opts.log?.(`live: connection lost (${err instanceof Error ? err.message : "closed"}); retrying`);
    this.retryTimer = setTimeout(() => void this.connect(), jittered);
    this.retryTimer.unref();
  }

  private onNotification(channel: string, payload: string | undefined) {
    if (!payload) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (channel === RUN_CHANNEL) {
      const change = parsed as RunChange;
      for (const fn of this.listeners.get(change.runId) ?? []) fn({ type: "change", change });
    } else if (channel === PRESENCE_CHANNEL) {
      const beat = parsed as PresenceBeat;
      if (this.presence.apply(beat)) this.announce(beat.runId);
    }
  }

  private announce(runId: string) {
    const set = this.listeners.get(runId);
    if (!set?.size) return;
    const viewers = this.presence.viewers(runId);
    for (const fn of set) fn({ type: "presence", viewers });
  }

  private beat() {
    const now = Date.now();
    for (const beat of this.local.values()) this.send({ ...beat, at: now });
    for (const runId of this.presence.sweep(now)) this.announce(runId);
  }

  private send(beat: PresenceBeat) {
    // Applied here at once; the copy PostgreSQL echoes back is the same beat again.
    if (this.presence.apply(beat)) this.announce(beat.runId);
    const client = this.client;
    if (!client) return;
    // One query at a time on the listening connection: pg does not pipeline.
    this.sending = this.sending
      .then(() => client.query("SELECT pg_notify($1, $2)", [PRESENCE_CHANNEL, JSON.stringify(beat)]))
      .then(
        () => {},
        () => {},
      );
  }
}
