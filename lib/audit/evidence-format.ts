import { formatDuration } from "@/lib/runs/elapsed";

/** "2026-12-01 22:03:05 UTC": evidence is read far from the browser that made it, so always UTC. */
export function utcStamp(iso: string | null | undefined): string {
  if (!iso) return "";
  return `${iso.slice(0, 19).replace("T", " ")} UTC`;
}

export function elapsedText(ms: number | null | undefined): string {
  return ms == null ? "" : formatDuration(ms);
}
