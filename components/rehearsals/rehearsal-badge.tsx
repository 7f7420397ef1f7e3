import { Badge } from "@/components/ui/badge";

/** Marks a rehearsal wherever runs are listed. */
export function RehearsalBadge({ rehearsal }: { rehearsal: boolean }) {
  if (!rehearsal) return null;
  return (
    <Badge tone="warn" data-testid="rehearsal-badge" className="ml-2">
      Rehearsal
    </Badge>
  );
}

/** The run page's banner: what a rehearsal does instead of touching production. */
export function RehearsalBanner() {
  return (
    <div
      role="note"
      data-testid="rehearsal-banner"
      className="mb-3 rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950"
    >
      <strong>Rehearsal.</strong> Announcements go to each target&apos;s test destination, or are captured
      here and not sent; AWS steps are dry runs, or run in the sandbox when one is configured. No production
      target is touched, and this run is left out of trends, forecasts and the promotions list.
    </div>
  );
}
