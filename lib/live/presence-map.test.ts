import { describe, expect, it } from "vitest";
import { PRESENCE_TTL_MS, PresenceMap } from "@/lib/live/presence-map";

const beat = (conn: string, userId: string, extra: object = {}) => ({
  runId: "r1",
  userId,
  name: userId.toUpperCase(),
  instance: "i1",
  conn,
  at: 0,
  ...extra,
});

describe("PresenceMap", () => {
  it("keeps a person present while any of their pages is open", () => {
    const map = new PresenceMap();
    expect(map.apply(beat("c1", "olivia"), 0)).toBe(true);
    expect(map.apply(beat("c2", "olivia"), 0)).toBe(false);
    expect(map.apply(beat("c1", "olivia", { left: true }), 0)).toBe(false);
    expect(map.viewers("r1", 0)).toEqual([{ id: "olivia", name: "OLIVIA" }]);
    expect(map.apply(beat("c2", "olivia", { left: true }), 0)).toBe(true);
    expect(map.viewers("r1", 0)).toEqual([]);
  });

  it("forgets a page whose instance stopped sending heartbeats", () => {
    const map = new PresenceMap();
    map.apply(beat("c1", "omar"), 0);
    map.apply(beat("c2", "olivia"), 30_000);
    expect(map.sweep(PRESENCE_TTL_MS + 1)).toEqual(["r1"]);
    expect(map.viewers("r1", PRESENCE_TTL_MS + 1)).toEqual([{ id: "olivia", name: "OLIVIA" }]);
  });
});
