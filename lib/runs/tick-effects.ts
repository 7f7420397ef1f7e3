import "server-only";
import type { Tx } from "@/lib/db";
import type { Run, RunItem } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";
import { runDefinition, setResult, takeBranch } from "@/lib/runs/flow-effects";
import { flowFields, type Result } from "@/lib/runs/flow-fields";
import type { ItemSpec } from "@/lib/runs/run-view";
import { markSkipped } from "@/lib/runs/flow/item-writer";

/** Whether ticking this item can change more than the item itself (most ticks cannot). */
export function tickReachesBeyond(item: Pick<RunItem, "kind" | "spec">): boolean {
  const spec = item.spec as ItemSpec;
  return Boolean(spec.goTo) || (item.kind === "record" && Boolean(spec.recordValue));
}

/**
 * What a tick means beyond the item: "If tests failed … go forward to the NO GO section"
 * fails the run and opens the back-off section; ticking "record SUCCEEDED" (once the GO
 * section is otherwise complete) or another result value sets the result.
 */
export async function tickEffects(tx: Tx, item: RunItem & { run: Run }, ctx: { actorId: string; now: Date }) {
  const spec = item.spec as ItemSpec;
  const run = item.run;
  if (spec.goTo) {
    const target = await tx.runSection.findFirst({ where: { runId: run.id, title: spec.goTo } });
    if (target?.branch === "no_go") {
      const branch = await takeBranch(tx, run, "no_go", ctx.now);
      const result = await setResult(tx, run, "FAILED", {
        ...ctx,
        reason: `Recorded by item ${item.path}: tests failed.`,
      });
      return { ...branch, ...result };
    }
    return {};
  }
  if (!tickReachesBeyond(item)) return {};
  const resultField = flowFields((await runDefinition(tx, run)).fields).result;
  if (!resultField || spec.recordField !== resultField.key) return {};
  const value = spec.recordValue as Result;
  if (value === "SUCCEEDED") {
    const decides = await tx.runItem.count({ where: { runId: run.id, kind: "decision" } });
    const decision = await tx.runDecision.findFirst({
      where: { runId: run.id },
      orderBy: { decidedAt: "desc" },
    });
    if (decides && decision?.decision !== "GO")
      throw new DomainError("SUCCEEDED can be recorded only after a GO decision.");
    const open = await tx.runItem.findMany({
      where: { runId: run.id, sectionId: item.sectionId, state: "open", id: { not: item.id } },
      orderBy: { position: "asc" },
    });
    // The failure path is the one item of the section that a success leaves open.
    const blocking = open.filter((i) => !(i.spec as ItemSpec).goTo);
    if (blocking.length) {
      throw new DomainError(
        `SUCCEEDED can be recorded once the rest of this section is done; still open: ${blocking.map((i) => i.path).join(", ")}.`,
      );
    }
    if (open.length)
      await markSkipped(
        tx,
        { id: { in: open.map((i) => i.id) } },
        "Not applicable: the tests passed.",
        ctx.now,
      );
  }
  return setResult(tx, run, value, {
    ...ctx,
    reason: `Recorded by item ${item.path}.`,
    exceptItemId: item.id,
  });
}
