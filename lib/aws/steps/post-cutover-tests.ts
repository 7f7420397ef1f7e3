import { need, StepFailure, type Step, type StepContext } from "@/lib/aws/steps/step";

const body = (ctx: StepContext) => ({
  runNumber: ctx.run.number,
  changesetVersion: ctx.run.fields.changesetVersion,
  blueStackId: ctx.blueStackId,
});

/**
 * The test suite is behind a webhook: a 2xx answer is a pass unless its JSON says
 * `"passed": false`; any other status is a failure of the tests, not of the call.
 */
export const postCutoverTestsStep: Step = {
  missing: (ctx) => need(ctx.config.POST_CUTOVER_TESTS_URL, "POST_CUTOVER_TESTS_URL"),
  plan: (ctx) => [
    {
      service: "Webhook",
      operation: "POST",
      input: { url: ctx.config.POST_CUTOVER_TESTS_URL, body: body(ctx) },
    },
  ],
  submit: async (ctx) => {
    const submittedAt = new Date().toISOString();
    const res = await fetch(ctx.config.POST_CUTOVER_TESTS_URL!, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": ctx.token },
      body: JSON.stringify(body(ctx)),
      signal: AbortSignal.timeout(ctx.config.AWS_MONITOR_TIMEOUT_MS),
    });
    const text = await res.text();
    let answer: unknown = text.slice(0, 2000);
    try {
      answer = JSON.parse(text);
    } catch {
      // Plain text is kept as it came.
    }
    const passed = res.ok && (answer as { passed?: unknown } | null)?.passed !== false;
    const evidence = {
      submittedAt,
      httpStatus: res.status,
      passed,
      answer,
      completedAt: new Date().toISOString(),
    };
    if (!passed) throw new StepFailure(`The post-cutover tests failed (HTTP ${res.status}).`, evidence, true);
    return evidence;
  },
  monitor: async (_ctx, _io, evidence) => evidence,
};
