import type { AwsConfigCheck } from "@/lib/aws/config";

const STEP_NAMES: Record<string, string> = {
  backup: "Backup",
  route53_switch: "DNS switch",
  backoff: "Back off",
  post_cutover_tests: "Post-cutover tests",
};

/** Whether the AWS steps can run here: Region, credentials (found or not, never their value), step settings. */
export function AwsStatus(props: { check: AwsConfigCheck }) {
  const c = props.check;
  return (
    <section
      data-testid="aws-status"
      data-ok={c.ok}
      className="space-y-2 rounded border border-slate-200 p-3 text-sm"
    >
      <h2 className="text-lg font-semibold">AWS steps</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3">
        <dt className="text-slate-600">Region</dt>
        <dd className="font-mono">{c.region ?? "not set"}</dd>
        <dt className="text-slate-600">Credentials</dt>
        <dd data-testid="aws-credentials">
          {c.credentials === "found" ? "found (default provider chain)" : "missing"}
        </dd>
        {c.endpoint && (
          <>
            <dt className="text-slate-600">Endpoint</dt>
            <dd className="font-mono">{c.endpoint}</dd>
          </>
        )}
        {Object.entries(c.stepSettings).map(([step, missing]) => (
          <div key={step} className="contents">
            <dt className="text-slate-600">{STEP_NAMES[step] ?? step}</dt>
            <dd>{missing.length ? `missing ${missing.join(", ")}` : "configured"}</dd>
          </div>
        ))}
      </dl>
      {c.problems.length > 0 && (
        <ul role="alert" className="list-disc pl-5 text-red-800">
          {c.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-600">
        Plans and dry runs work without these settings; a real start needs them. The IAM policy the steps need
        is in docs/AWS.md.
      </p>
    </section>
  );
}
