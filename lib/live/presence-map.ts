import type { PresenceBeat, Viewer } from "@/lib/live/messages";

/** A connection that has not sent a heartbeat (every 20 s) for this long is gone: its instance died. */
export const PRESENCE_TTL_MS = 45_000;

/** Who has which run open, across every instance, as heard through the presence channel. */
export class PresenceMap {
  private byRun = new Map<string, Map<string, PresenceBeat>>();

  /** Applies a beat; true when the run's list of viewers changed. */
  apply(beat: PresenceBeat, now = Date.now()): boolean {
    const before = this.key(beat.runId, now);
    const conns = this.byRun.get(beat.runId) ?? new Map<string, PresenceBeat>();
    if (beat.left) conns.delete(beat.conn);
    else conns.set(beat.conn, { ...beat, at: now });
    if (conns.size) this.byRun.set(beat.runId, conns);
    else this.byRun.delete(beat.runId);
    return this.key(beat.runId, now) !== before;
  }

  viewers(runId: string, now = Date.now()): Viewer[] {
    const conns = this.byRun.get(runId);
    if (!conns) return [];
    const people = new Map<string, Viewer>();
    for (const [conn, beat] of conns) {
      if (now - beat.at > PRESENCE_TTL_MS) conns.delete(conn);
      else people.set(beat.userId, { id: beat.userId, name: beat.name });
    }
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Drops expired connections; returns the runs whose viewers changed. */
  sweep(now = Date.now()): string[] {
    const changed: string[] = [];
    for (const [runId, conns] of this.byRun) {
      const before = conns.size;
      for (const [conn, beat] of conns) if (now - beat.at > PRESENCE_TTL_MS) conns.delete(conn);
      if (conns.size !== before) changed.push(runId);
      if (!conns.size) this.byRun.delete(runId);
    }
    return changed;
  }

  private key(runId: string, now: number) {
    return this.viewers(runId, now)
      .map((v) => v.id)
      .join(",");
  }
}
