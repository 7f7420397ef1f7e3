import type { AwsConfig } from "@/lib/aws/config";
import type { AwsClients } from "@/lib/aws/clients";

/** One AWS (or webhook) call as a dry run shows it and the plan view lists it. */
export type PlannedCall = {
  service: string;
  operation: string;
  input: Record<string, unknown>;
  note?: string;
};

export type StepContext = {
  config: AwsConfig;
  run: { id: string; number: number; fields: Record<string, string> };
  blueStackId: string;
  /** The same on every attempt of one execution, so AWS treats a resent call as the same call. */
  token: string;
  /** The item this step belongs to (a Retry finds the work an earlier execution of it started). */
  itemId: string;
  /** Tokens of this item's earlier executions, oldest first: their work may still be going on. */
  earlierTokens: string[];
  /** The evidence of the run's latest succeeded step of each kind (the backoff reads what the switch saw). */
  earlier: Partial<Record<string, Evidence>>;
};

/** What a step has learnt so far; saved after every poll so a restart continues from it. */
export type Evidence = Record<string, unknown> & { submittedAt?: string };

export type StepIo = {
  clients: AwsClients;
  /** Persists progress for the live view (and for a restart). */
  save: (evidence: Evidence) => Promise<void>;
  /** Calls `check` every poll interval until it returns a value; gives up at the monitor timeout (or `timeoutMs`). */
  poll: <T>(check: () => Promise<T | undefined>, opts?: { timeoutMs?: number }) => Promise<T>;
  /** What this execution has recorded so far (pre-checks, a half-done submit before a restart). */
  evidence: () => Evidence;
};

/** One thing a step looked at before acting: what it expected and what it saw. */
export type Check = { check: string; ok: boolean; saw: string };

/** Refuses to act when a pre-check failed, saying what it saw; the checks stay as evidence. */
export function requireChecks(checks: Check[], evidence: Evidence) {
  const failed = checks.filter((c) => !c.ok);
  if (failed.length)
    throw new StepFailure(
      `Pre-check failed, nothing was changed: ${failed.map((c) => `${c.check} — saw ${c.saw}`).join("; ")}.`,
      { ...evidence, checks },
    );
}

export type Step = {
  /** What is missing (configuration, run fields) before this step can run; empty when ready. */
  missing: (ctx: StepContext) => string[];
  plan: (ctx: StepContext) => PlannedCall[];
  /** Starts the work; safe to repeat with the same token. Returns evidence with `submittedAt`. */
  submit: (ctx: StepContext, io: StepIo) => Promise<Evidence>;
  /** Waits for the outcome; throws StepFailure when AWS reports a failure. */
  monitor: (ctx: StepContext, io: StepIo, evidence: Evidence) => Promise<Evidence>;
};

/** The provider answered that the step failed; `evidence` is what it told us. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly evidence: Evidence,
    /** The post-cutover tests ran and failed: the run's failure path, not a Retry. */
    readonly testsFailed = false,
  ) {
    super(message);
  }
}

export const need = (value: string | undefined, what: string) => (value ? [] : [what]);
