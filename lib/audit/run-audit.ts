import type { AckRosterView } from "@/lib/acks/ack-view";
import type { AutomationView } from "@/lib/aws/automation-view";
import type { NotificationView } from "@/lib/notify/notification-view";
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

/** Everything an auditor reads about one run: the run, its roster, its evidence and its log. */
export type RunAudit = {
  run: RunView;
  roster: AckRosterView;
  /** Evidence kept by the outbox and the automation runner, when the run produced any. */
  notifications: NotificationView[];
  automations: AutomationView[];
  events: AuditEventView[];
  /** Per item id: overrides, out-of-order changes, manual evidence (item-flags.ts). */
  flags: Record<string, ItemFlag[]>;
  /** The plans GO decisions signed. */
  signedPlans: ReturnType<typeof signedPlans>;
};
