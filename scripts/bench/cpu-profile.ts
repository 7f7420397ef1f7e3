import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export type ProfileSummary = {
  totalMs: number;
  /** Where the time went, by package ("the app's bundles" for .next's chunks, "node" for Node's own). */
  byOwner: { owner: string; ms: number }[];
  /** The functions that took the most time themselves. */
  topFunctions: { name: string; where: string; ms: number }[];
};

/** Self time of a `node --cpu-prof` profile, summed by owner and by function; idle time left out. */
export function summariseProfile(dir: string): ProfileSummary {
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const owners = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; ms: number }>();
  let totalMs = 0;
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)" || frame.functionName === "(program)") continue;
    const ms = micros / 1000;
    totalMs += ms;
    const owner = ownerOf(frame.url, frame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
    const where = `${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    const key = `${frame.functionName}@${where}`;
    const entry = functions.get(key) ?? { name: frame.functionName || "(anonymous)", where, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }
  return {
    totalMs,
    byOwner: [...owners].map(([owner, ms]) => ({ owner, ms })).sort((a, b) => b.ms - a.ms),
    topFunctions: [...functions.values()].sort((a, b) => b.ms - a.ms).slice(0, 15),
  };
}

function ownerOf(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "garbage collection";
  if (!url) return "node (native)";
  if (url.startsWith("node:")) return "node";
  const modules = url.split("node_modules/");
  if (modules.length > 1) {
    const rest = modules[modules.length - 1]!.split("/");
    const name = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    // Next bundles React, its server and its compiled dependencies into next/dist.
    return name === "next" && url.includes("/compiled/") ? `next (compiled: ${rest[3] ?? "?"})` : name;
  }
  return "the app's bundles (Runsheet, with the React and Next.js code bundled into them)";
}

function shortUrl(url: string): string {
  const i = url.lastIndexOf("node_modules/");
  if (i >= 0) return url.slice(i + "node_modules/".length);
  return url
    .replace(/^file:\/\//, "")
    .split("/")
    .slice(-3)
    .join("/");
}
