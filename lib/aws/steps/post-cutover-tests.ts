import { need, StepFailure, type Evidence, type Step, type StepContext } from "@/lib/aws/steps/step";

const body = (ctx: StepContext) => ({
  runNumber: ctx.run.number,
  changesetVersion: ctx.run.fields.changesetVersion,
  blueStackId: ctx.blueStackId,
});

/** The harness could not be asked (5xx, 401, no answer): the tests did not fail, the call did. A Retry helps. */
class HarnessError extends Error {
  /** Read by the executor's poll: 5xx, 429 and timeouts are worth asking again. */
  readonly $retryable: object | undefined;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = "HarnessError";
    this.$retryable = retryable ? {} : undefined;
  }
}

async function call(url: string, init: RequestInit, timeoutMs: number) {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  } catch (err) {
    const name = (err as Error).name;
    throw new HarnessError(
      name === "TimeoutError"
        ? `The test harness did not answer within ${timeoutMs} ms.`
        : `The test harness could not be reached (${(err as Error).message}).`,
      true,
    );
  }
  const text = await res.text().catch(() => "");
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: kept as text.
  }
  if (!res.ok)
    throw new HarnessError(
      `The test harness answered ${res.status}: ${text.slice(0, 300)}`,
      res.status >= 500 || res.status === 429,
    );
  return { res, json, text: text.slice(0, 2000) };
}

/** Only an explicit verdict counts: `passed: false` fails the run, `passed: true` passes it. */
function verdict(ctx: StepContext, evidence: Evidence, answer: Record<string, unknown> | null) {
  if (typeof answer?.passed !== "boolean") return undefined;
  const done = { ...evidence, passed: answer.passed, answer, completedAt: new Date().toISOString() };
  if (!answer.passed)
    throw new StepFailure(`The post-cutover tests failed (run #${ctx.run.number}).`, done, true);
  return done;
}

/**
 * The test suite runs behind a webhook that accepts the run (202 with a status URL, or
 * Location) and is then polled, each request with its own timeout, until it gives a verdict;
 * a harness that answers at once with `{"passed": …}` is taken as it is.
 */
export const postCutoverTestsStep: Step = {
  missing: (ctx) => need(ctx.config.POST_CUTOVER_TESTS_URL, "POST_CUTOVER_TESTS_URL"),
  plan: (ctx) => [
    {
      service: "Webhook",
      operation: "POST",
      input: {
        url: ctx.config.POST_CUTOVER_TESTS_URL ?? "(missing POST_CUTOVER_TESTS_URL)",
        body: body(ctx),
      },
      note: "accepted with 202 and a status URL",
    },
    {
      service: "Webhook",
      operation: "GET",
      input: { url: "(the status URL)" },
      note: 'repeated until it answers {"passed": true|false}',
    },
  ],
  submit: async (ctx) => {
    const submittedAt = new Date().toISOString();
    const url = ctx.config.POST_CUTOVER_TESTS_URL!;
    const { res, json, text } = await call(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": ctx.token },
        body: JSON.stringify(body(ctx)),
      },
      ctx.config.AWS_REQUEST_TIMEOUT_MS,
    );
    const evidence: Evidence = { submittedAt, httpStatus: res.status };
    const now = verdict(ctx, evidence, json);
    if (now) return now;
    const location = (typeof json?.statusUrl === "string" && json.statusUrl) || res.headers.get("location");
    if (res.status !== 202 || !location)
      throw new HarnessError(
        `The test harness answered ${res.status} without a verdict or a status URL: ${text.slice(0, 300)}`,
        false,
      );
    return { ...evidence, statusUrl: new URL(location, url).toString(), accepted: json };
  },
  monitor: async (ctx, io, evidence) => {
    if (typeof evidence.passed === "boolean") return evidence;
    return io.poll(
      async () => {
        const { json } = await call(
          String(evidence.statusUrl),
          { headers: { accept: "application/json" } },
          ctx.config.AWS_REQUEST_TIMEOUT_MS,
        );
        const done = verdict(ctx, evidence, json);
        if (done) return done;
        await io.save({ ...evidence, harnessStatus: json?.status });
        return undefined;
      },
      { timeoutMs: ctx.config.POST_CUTOVER_TIMEOUT_MS },
    );
  },
};
