/**
 * Shared set-up of the automation tests: a strict fake AWS per test, the app's AWS settings
 * pointed at it, and a seed run with its Blue and Green stacks and new container version.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, beforeEach } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { makeFlowRun, makeUser, runItemAt, SEED_SECTIONS } from "@/test/fixtures";
import { BLUE_STACK_ID, GREEN_STACK_ID, fakeAwsEnv, startFakeAws, type FakeAws } from "@/test/fakes/aws";
import { startAutomation } from "@/lib/aws/start-automation";
import { abandonExecutions, executionSettled } from "@/lib/aws/executor";
import { runAvailability } from "@/lib/runs/flow/run-availability";
import { completeUpTo, decideGo, workItem } from "@/test/flow-fixtures";

/** Where the seed template's steps are: [section key, item path]. */
export const STEP_AT = {
  backup: ["phase-1-change-preparation", "1"],
  cloudformation: [SEED_SECTIONS.phase3, "3"],
  cloudformationWatch: [SEED_SECTIONS.phase3, "4"],
  prescale: [SEED_SECTIONS.go, "1"],
  prescaleWatch: [SEED_SECTIONS.go, "1.3"],
  dns: [SEED_SECTIONS.go, "2"],
  tests: [SEED_SECTIONS.go, "3"],
  testsFailed: [SEED_SECTIONS.go, "4"],
  backoff: [SEED_SECTIONS.noGo, "3"],
} as const satisfies Record<string, readonly [string, string]>;
export type StepName = keyof typeof STEP_AT;

export type AwsRun = {
  fake: FakeAws;
  operator: Actor;
  runId: string;
  start: (
    step: StepName,
    extra?: Partial<Parameters<typeof startAutomation>[0]>,
    actor?: Actor,
  ) => ReturnType<typeof startAutomation>;
  /** Starts the step and waits until this process has finished driving it. */
  run: (step: StepName) => Promise<Awaited<ReturnType<typeof finished>>>;
  item: (step: StepName) => ReturnType<typeof runItemAt>;
  /** Brings the run to where the step may start (reach below). */
  reach: (step: StepName) => Promise<void>;
  newRun: (fields?: Record<string, string>) => Promise<void>;
};

export async function finished(id: string) {
  await executionSettled(id);
  return db().automationExecution.findUniqueOrThrow({ where: { id } });
}

export const evidenceOf = (row: { evidence: unknown }) => row.evidence as Record<string, unknown>;

let secondOperator: Actor | undefined;

/**
 * Brings the run to where `step` may start, as its operators would have: the phases before
 * it done (earlier steps done outside Runsheet unless a test ran them), the items before it
 * in its phase worked, and for the GO steps a GO by two approvers. A step of the NO GO
 * section is left as the test made the run: only a result opens it.
 */
async function reach(h: AwsRun, step: StepName) {
  const [section] = STEP_AT[step];
  const target = await h.item(step);
  if ((await runAvailability(db(), h.runId)).get(target.id)?.available) return;
  if (section === SEED_SECTIONS.noGo) return;
  const decisionPhase = SEED_SECTIONS.phase4;
  await completeUpTo(h.operator, h.runId, section === SEED_SECTIONS.go ? decisionPhase : section);
  if (section === SEED_SECTIONS.go) {
    await workBefore(h, decisionPhase, 2_000_000_000);
    if (!(await db().runDecision.count({ where: { runId: h.runId } }))) {
      secondOperator ??= await makeUser("operator");
      const decision = await db().runItem.findFirstOrThrow({ where: { runId: h.runId, kind: "decision" } });
      await decideGo({
        actor: h.operator,
        second: secondOperator,
        runId: h.runId,
        itemId: decision.id,
        rationale: "Blue side is green",
      });
    }
  }
  await workBefore(h, section, target.position);
}

/** Works the open, available items of a section that come before `position` (not the target's own). */
async function workBefore(h: AwsRun, sectionKey: string, position: number) {
  const items = await db().runItem.findMany({
    where: { runId: h.runId, section: { key: sectionKey }, position: { lt: position }, state: "open" },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  for (const { id } of items) {
    const item = await db().runItem.findUniqueOrThrow({ where: { id } });
    if (item.state === "open" && (await runAvailability(db(), h.runId)).get(id)?.available)
      await workItem(h.operator, item);
  }
}

export function setupAwsRun(env: Record<string, string> = {}): AwsRun {
  const saved = { ...process.env };
  const h = {} as AwsRun;
  h.item = (step) => runItemAt(h.runId, STEP_AT[step][0], STEP_AT[step][1]);
  h.reach = (step) => reach(h, step);
  h.start = async (step, extra = {}, actor = h.operator) => {
    if (!extra.dryRun) await reach(h, step);
    const item = await h.item(step);
    return startAutomation({
      actor,
      runId: h.runId,
      itemId: item.id,
      confirmStackId: BLUE_STACK_ID,
      dryRun: false,
      clickId: randomUUID(),
      ...extra,
    });
  };
  h.run = async (step) => finished((await h.start(step)).id);
  h.newRun = async (fields = {}) => {
    const run = await makeFlowRun(h.operator, {
      stackIdForPrechangeBlueStack: BLUE_STACK_ID,
      stackIdForPrechangeGreenStack: GREEN_STACK_ID,
      ...fields,
    });
    h.runId = run.id;
    // The new container version (Phase 3, 2.1) is recorded when a step's phase is reached.
  };
  beforeAll(async () => {
    h.operator = await makeUser("operator");
  });
  beforeEach(async () => {
    h.fake = await startFakeAws();
    Object.assign(process.env, fakeAwsEnv(h.fake), {
      AWS_POLL_INTERVAL_MS: "10",
      AWS_REQUEST_TIMEOUT_MS: "400",
      AWS_MAX_ATTEMPTS: "4",
      AWS_EXECUTION_LEASE_MS: "300",
      ...env,
    });
    await h.newRun();
  });
  afterEach(async () => {
    abandonExecutions();
    await h.fake.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  return h;
}
