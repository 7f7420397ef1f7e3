import { computeAvailability } from "@/lib/runs/flow/availability";
import type { ItemAvailabilityView, RunView } from "@/lib/runs/run-view";

/**
 * Availability from a run's view, with the same function every writer asks: the server
 * computes the page's locks with it, and a page recomputes them when a live change of one
 * item arrives instead of reading the whole run again. Writers still decide on the server.
 */
export function availabilityOfView(
  run: Pick<RunView, "sections" | "items" | "decisions" | "result">,
): Record<string, ItemAvailabilityView> {
  const superseded = new Set(run.decisions.map((d) => d.supersedesId).filter(Boolean));
  // Newest first: the decision in force is the newest one no revision replaced.
  const inForce = run.decisions.find((d) => !superseded.has(d.id));
  const availability = computeAvailability({
    sections: run.sections.map((s) => ({
      id: s.id,
      title: s.title,
      branch: s.branch,
      annotationId: s.annotationId,
      needs: s.needs,
    })),
    items: run.items.map((i) => ({
      id: i.id,
      sectionId: i.sectionId,
      parentId: i.parentId,
      position: i.position,
      kind: i.kind,
      text: i.text,
      state: i.state,
      spec: i.spec,
      unlocked: i.unlocked !== null,
    })),
    decision: (inForce?.decision as "GO" | "NO GO" | undefined) ?? null,
    result: run.result,
  });
  return Object.fromEntries(availability);
}
