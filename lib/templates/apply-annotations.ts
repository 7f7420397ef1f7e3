import type { Annotation } from "./annotation";
import type { ItemDef, SectionDef } from "./definition";
import type { ImportIssue } from "./import-error";

type Node = { id?: string; needs?: string[]; line: number; label: string };

/**
 * Puts each annotation on the item or phase heading of its line, then checks them as a
 * whole: every line's annotation belongs to something, ids are unique, `needs` names known
 * ids, nothing waits for itself through a cycle, and `approvals` is on a decision.
 */
export function applyAnnotations(
  sections: SectionDef[],
  found: ReadonlyMap<number, Annotation>,
  issues: ImportIssue[],
): void {
  const used = new Set<number>();
  const nodes: Node[] = [];
  const take = (line: number) => {
    const a = found.get(line);
    if (a) used.add(line);
    return a;
  };
  for (const section of sections) {
    const a = take(section.line);
    if (a) {
      for (const key of ["when", "approvals"] as const) {
        if (a[key] !== undefined)
          issues.push({ line: section.line, message: `"${key}" is for items, not phases` });
      }
      if (a.id !== undefined) section.id = a.id;
      if (a.needs !== undefined) section.needs = a.needs;
    }
    nodes.push({
      id: section.id,
      needs: section.needs,
      line: section.line,
      label: `phase "${section.title}"`,
    });
    const visit = (item: ItemDef) => {
      const ia = take(item.line);
      if (ia) {
        if (ia.id !== undefined) item.id = ia.id;
        if (ia.needs !== undefined) item.needs = ia.needs;
        if (ia.when !== undefined) item.when = ia.when;
        if (ia.approvals !== undefined) {
          if (item.kind === "decision") item.approvals = ia.approvals;
          else issues.push({ line: item.line, message: "approvals= is only for the Go/No-Go decision item" });
        }
      }
      nodes.push({ id: item.id, needs: item.needs, line: item.line, label: `item ${item.key}` });
      item.children.forEach(visit);
    };
    section.items.forEach(visit);
  }
  for (const line of found.keys()) {
    if (!used.has(line))
      issues.push({ line, message: "a runsheet annotation must be on an item's line or a phase heading" });
  }

  const byId = new Map<string, Node>();
  for (const node of nodes) {
    if (node.id === undefined) continue;
    const twin = byId.get(node.id);
    if (twin)
      issues.push({ line: node.line, message: `id "${node.id}" is already used on line ${twin.line}` });
    else byId.set(node.id, node);
  }
  for (const node of nodes) {
    for (const need of node.needs ?? []) {
      if (!byId.has(need))
        issues.push({ line: node.line, message: `needs "${need}": no item or phase has that id` });
      else if (need === node.id)
        issues.push({ line: node.line, message: `${node.label} cannot need itself` });
    }
  }
  const cycle = findCycle(byId);
  if (cycle) {
    const first = byId.get(cycle[0]!)!;
    issues.push({ line: first.line, message: `needs form a cycle: ${[...cycle, cycle[0]].join(" → ")}` });
  }
}

/** A cycle among the ids' `needs`, as the ids along it, or null. */
function findCycle(byId: ReadonlyMap<string, Node>): string[] | null {
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const walk = (id: string): string[] | null => {
    if (state.get(id) === "done") return null;
    if (state.get(id) === "visiting") return path.slice(path.indexOf(id));
    state.set(id, "visiting");
    path.push(id);
    for (const need of byId.get(id)?.needs ?? []) {
      if (need === id || !byId.has(need)) continue;
      const found = walk(need);
      if (found) return found;
    }
    path.pop();
    state.set(id, "done");
    return null;
  };
  for (const id of byId.keys()) {
    const found = walk(id);
    if (found) return found;
  }
  return null;
}
