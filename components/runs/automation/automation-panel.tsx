"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { RunItemView, RunView } from "@/lib/runs/run-view";
import type { PlannedCall } from "@/lib/aws/steps/step";
import { planAutomationAction, startAutomationAction } from "@/app/(app)/runs/automation-actions";
import { runKey } from "@/components/runs/use-run";
import { useRunCommand } from "@/components/runs/use-run-command";
import { AutomationPlan } from "@/components/runs/automation/automation-plan";
import { ConfirmDialog } from "@/components/runs/automation/confirm-dialog";
import { ExecutionStatus } from "@/components/runs/automation/execution-status";

const POLL_MS = 2_000;

/** randomUUID exists only in secure contexts; plain-http intranet hosts still need an id. */
function newClickId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const actionLabel: Record<string, string> = {
  backup: "Start backup",
  cloudformation_update: "Update stack",
  asg_prescale: "Prescale Blue",
  route53_switch: "Switch DNS",
  post_cutover_tests: "Run tests",
  backoff: "Back off",
};

type Plan = { kind: string; blueStackId: string; missing: string[]; calls: PlannedCall[] };

/** Plan, confirm and follow one automation step of a run. */
export function AutomationPanel(props: { run: RunView; item: RunItemView; readOnly: boolean }) {
  const { run, item } = props;
  const executions = (run.automations ?? []).filter((a) => a.itemId === item.id);
  // A rehearsal's dry run stands for the step (it ticks the item); a plain dry run only shows its plan.
  const real = executions.filter((a) => !a.dryRun || a.evidence?.rehearsal === true);
  const latest = real.at(-1);
  const latestDry = executions.filter((a) => !real.includes(a)).at(-1);
  const active = latest && (latest.status === "queued" || latest.status === "running");
  // The run's cache refetches while a step runs, so its progress and the ticks appear.
  useQuery({
    queryKey: runKey(run.number),
    queryFn: async (): Promise<RunView> => {
      const res = await fetch(`/api/v1/runs/${run.number}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`Could not load run #${run.number} (${res.status})`);
      return res.json();
    },
    initialData: run,
    refetchInterval: active ? POLL_MS : false,
  });
  const cmd = useRunCommand(run.number);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [confirming, setConfirming] = useState(false);
  // One id per confirmation: a double submit finds the execution the first one made.
  const [clickId, setClickId] = useState(newClickId);
  const label = actionLabel[item.spec.automation ?? ""] ?? "Run";
  const canStart = !props.readOnly && item.state === "open" && !active && latest?.status !== "succeeded";

  return (
    <div data-testid="automation-panel" className="mt-1">
      {latest && <ExecutionStatus execution={latest} />}
      {latestDry && !latest && (
        <>
          {latestDry.missing.length > 0 && (
            <p data-testid="dry-run-gaps" className="mt-1 text-xs text-amber-800">
              Rehearsal without these settings (set them before a real start): {latestDry.missing.join(", ")}
            </p>
          )}
          <AutomationPlan calls={latestDry.calls} title="Dry run: these calls would be made" />
        </>
      )}
      {canStart && !confirming && (
        <div className="mt-1 flex gap-3 text-xs">
          <button
            type="button"
            className="underline"
            disabled={cmd.pending}
            onClick={() => cmd.run(() => planAutomationAction({ runId: run.id, itemId: item.id }), setPlan)}
          >
            Show plan
          </button>
          <button
            type="button"
            className="rounded bg-emerald-800 px-2 py-0.5 text-white"
            onClick={() => setConfirming(true)}
          >
            {latest?.status === "failed" ? "Retry" : `${label}…`}
          </button>
        </div>
      )}
      {plan && !confirming && (
        <>
          {plan.missing.length > 0 && (
            <p className="mt-1 text-xs text-red-800">Missing before it can run: {plan.missing.join(", ")}</p>
          )}
          <AutomationPlan calls={plan.calls} title={`Plan for ${plan.blueStackId}`} />
        </>
      )}
      {confirming && (
        <ConfirmDialog
          blueStackId={run.fields.stackIdForPrechangeBlueStack ?? ""}
          actionLabel={label}
          pending={cmd.pending}
          onCancel={() => setConfirming(false)}
          onConfirm={(confirmStackId, dryRun) =>
            cmd.run(
              () =>
                startAutomationAction({ runId: run.id, itemId: item.id, confirmStackId, dryRun, clickId }),
              () => {
                setConfirming(false);
                setClickId(newClickId());
              },
            )
          }
        />
      )}
      {cmd.error && (
        <p role="alert" className="mt-1 text-xs text-red-800">
          {cmd.error}
        </p>
      )}
    </div>
  );
}
