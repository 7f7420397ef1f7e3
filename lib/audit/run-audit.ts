import type { AckRosterView } from "@/lib/acks/ack-view";
import type { RunView } from "@/lib/runs/run-view";
import type { ItemFlag, signedPlans } from "@/lib/audit/item-flags";

/** A stored audit event as plain JSON, with every field its hash covers. */
export type AuditEventView = {
  id: string;
  stream: string;
  seq: number;
  runId: string | null;
  actorId: string | null;
  actorHandle: string | null;
  action: string;
  itemId: string | null;
  payload: unknown;
  createdAt: string;
  prevHash: string | null;
  hash: string;
};

/** Evidence kept by the outbox and the automation runner, when a run produced any. */
export type NotificationView = {
  id: string;
  itemId: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

export type AutomationView = {
  id: string;
  itemId: string;
  kind: string;
  dryRun: boolean;
  status: string;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  evidence: unknown;
};

/** Everything an auditor reads about one run: the run, its roster, its evidence and its log. */
export type RunAudit = {
  run: RunView;
  roster: AckRosterView;
  notifications: NotificationView[];
  automations: AutomationView[];
  events: AuditEventView[];
  /** Per item id: overrides, out-of-order changes, manual evidence (item-flags.ts). */
  flags: Record<string, ItemFlag[]>;
  /** The plans GO decisions signed. */
  signedPlans: ReturnType<typeof signedPlans>;
};
