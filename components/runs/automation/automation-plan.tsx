import type { PlannedCall } from "@/lib/aws/steps/step";

/** The calls a step makes, in order, with their inputs: what a dry run returns. */
export function AutomationPlan(props: { calls: PlannedCall[]; title?: string }) {
  return (
    <div
      data-testid="automation-plan"
      className="mt-1 rounded border border-emerald-200 bg-emerald-50/50 p-2 text-xs"
    >
      {props.title && <p className="mb-1 font-medium">{props.title}</p>}
      <ol className="list-decimal space-y-1 pl-5">
        {props.calls.map((c, i) => (
          <li key={i}>
            <span className="font-mono">
              {c.service}.{c.operation}
            </span>
            {c.note && <span className="text-slate-600"> — {c.note}</span>}
            <pre className="mt-0.5 overflow-x-auto whitespace-pre-wrap break-all text-[11px] text-slate-700">
              {JSON.stringify(c.input, null, 1)}
            </pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
