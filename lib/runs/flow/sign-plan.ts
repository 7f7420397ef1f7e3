import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Run, RunItem } from "@/lib/generated/prisma/client";
import { stepContextFor } from "@/lib/aws/step-context";
import type { PlannedCall } from "@/lib/aws/steps/step";
import { wordForResult } from "@/lib/notify/compose-message";
import type { ItemSpec } from "@/lib/runs/run-view";
import { renderTokens } from "@/lib/templates/render-tokens";

/** Where a step's idempotency token goes: one per execution, so not part of what is signed. */
const TOKEN_SHOWN = "(one per execution)";

export type SignedStep = {
  itemId: string;
  path: string;
  kind: string;
  sha256: string;
  calls: PlannedCall[] | null;
  problem?: string;
};
export type SignedPlan = {
  steps: SignedStep[];
  announcements: { itemId: string; path: string; message: string }[];
  sha256: string;
};

export function sha256Of(value: unknown): string {
  return createHash("sha256")
    .update(canonicalize(value) ?? "null", "utf8")
    .digest("hex");
}

/** The exact calls a step of this item would make now, with the token left out; null when it cannot be planned. */
export function stepPlan(
  run: Pick<Run, "id" | "number" | "fields" | "rehearsal">,
  item: RunItem,
): { calls: PlannedCall[] | null; problem?: string } {
  try {
    const { step, ctx } = stepContextFor(run, item, "signed");
    return { calls: step.plan({ ...ctx, token: TOKEN_SHOWN }) };
  } catch (err) {
    return { calls: null, problem: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * What a GO decision signs: the plan of every automation step still to run and the text of
 * every announcement still to send, as they are at the moment of the decision, and the
 * SHA-256 of it all (RFC 8785 canonical JSON).
 */
export async function planToSign(tx: Tx, run: Run): Promise<SignedPlan> {
  const items = await tx.runItem.findMany({
    where: { runId: run.id, state: "open" },
    orderBy: { position: "asc" },
  });
  const fields = run.fields as Record<string, string>;
  const steps = items
    .filter((i) => i.kind === "automation")
    .map((item) => {
      const { calls, problem } = stepPlan(run, item);
      return {
        itemId: item.id,
        path: item.path,
        kind: (item.spec as ItemSpec).automation ?? "",
        sha256: sha256Of(calls),
        calls,
        ...(problem ? { problem } : {}),
      };
    });
  const announcements = items
    .filter((i) => (i.kind === "notify" || i.kind === "decision") && (i.spec as ItemSpec).message)
    .map((item) => ({
      itemId: item.id,
      path: item.path,
      message: wordForResult(renderTokens((item.spec as ItemSpec).message!, fields), run.result).text,
    }));
  return { steps, announcements, sha256: sha256Of({ steps, announcements }) };
}

/**
 * A step the GO decision signed runs only as signed: when its plan now differs (a field
 * edited after GO), it is refused until a new decision signs the plan again.
 */
export async function refuseChangedPlan(tx: Tx, run: Run, item: RunItem): Promise<void> {
  const current = await tx.runDecision.findFirst({
    where: { runId: run.id, revisedBy: null },
    orderBy: { decidedAt: "desc" },
  });
  if (current?.decision !== "GO" || !current.plan) return;
  const signed = (current.plan as SignedPlan).steps.find((s) => s.itemId === item.id);
  if (!signed) return;
  const now = stepPlan(run, item);
  if (sha256Of(now.calls) !== signed.sha256) {
    throw new DomainError(
      `The plan of item ${item.path} changed since the GO decision signed it (signed plan ${current.planSha256?.slice(0, 12)}…); nothing was started. The decision must be approved again to sign the new plan.`,
    );
  }
}
