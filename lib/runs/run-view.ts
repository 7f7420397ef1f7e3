import type { FieldDef, ChannelDef } from "@/lib/templates/definition";
import type { AutomationView } from "@/lib/aws/automation-view";
import type { NotificationView } from "@/lib/notify/notification-view";
import type { TimedAnnouncementView } from "@/lib/announcements/timed-announcement-view";

/** What a run page needs, as plain JSON: shared by the server render, the API and the client cache. */

export type PersonRef = { id: string; name: string; handle: string };

export type ItemSpec = {
  message?: string;
  channels?: ChannelDef[];
  channel?: ChannelDef;
  automation?: string;
  linkTemplate?: string;
  recordField?: string;
  recordValue?: string;
  /** "go forward to section …": the title of the section a tick of this item moves the run to. */
  goTo?: string;
  /** The template's annotation: a name, what the item waits for, the result it belongs to, a quorum. */
  id?: string;
  needs?: string[];
  when?: "succeeded" | "failed";
  approvals?: number;
  line: number;
};

export type RunItemView = {
  id: string;
  sectionId: string;
  parentId: string | null;
  position: number;
  path: string;
  depth: number;
  kind: string;
  text: string;
  spec: ItemSpec;
  state: "open" | "done" | "skipped" | "not_taken";
  assignee: PersonRef | null;
  doneBy: PersonRef | null;
  doneAt: string | null;
  startedAt: string | null;
  elapsedMs: number | null;
  note: string | null;
  version: number;
  /** Started out of order by someone with runs.decide. */
  unlocked: { by: PersonRef | null; at: string; reason: string } | null;
};

/** Whether an item can be worked on now and, if not, what it waits for (lib/runs/flow/availability.ts). */
export type ItemAvailabilityView = {
  available: boolean;
  reasons: { kind: string; text: string }[];
  /** Order or dependency locks lifted by an override. */
  overridden: { kind: string; text: string }[];
};

export type RunSectionView = {
  id: string;
  key: string;
  position: number;
  title: string;
  offsetMinutes: number | null;
  offsetLabel: string | null;
  branch: string | null;
  /** From the template's annotation of the phase heading: its name and what it waits for. */
  annotationId?: string;
  needs?: string[];
};

export type RunView = {
  id: string;
  number: number;
  /** The team the run belongs to (its template's) and its number there. */
  team: { id: string; slug: string; name: string };
  teamNumber: number;
  title: string;
  status: "open" | "closed";
  templateName: string;
  templateVersion: number;
  fields: Record<string, string>;
  fieldDefs: FieldDef[];
  createdAt: string;
  createdBy: PersonRef;
  /** The people completing the run. */
  assignees: PersonRef[];
  result: "NO GO" | "SUCCEEDED" | "FAILED" | null;
  closedAt: string | null;
  window: { start: string; end: string | null; timeZone: string } | null;
  /** Every Go/No-Go decision, newest first; a revision names the one it supersedes. */
  decisions: {
    id: string;
    decision: string;
    rationale: string;
    decidedBy: PersonRef;
    decidedAt: string;
    supersedesId: string | null;
    /** GO: the SHA-256 of the plan the decision signed. */
    planSha256: string | null;
  }[];
  /** The Go/No-Go approvals of the current round, when the template asks for a quorum. */
  approval: {
    itemId: string;
    quorum: number;
    round: number;
    votes: { id: string; by: PersonRef; vote: string; rationale: string; at: string }[];
    /** The people named to approve; empty when anyone who may decide can. */
    named: PersonRef[];
    /** Named approvers who have not voted yet. */
    awaited: PersonRef[];
  } | null;
  /** Announcements to test destinations or captured, AWS steps dry runs or the sandbox's. */
  rehearsal: boolean;
  parent: { number: number; title: string } | null;
  children: {
    id: string;
    number: number;
    title: string;
    status: "open" | "closed";
    parentItemId: string | null;
    done: number;
    total: number;
  }[];
  sections: RunSectionView[];
  items: RunItemView[];
  people: PersonRef[];
  /** Executions of the run's automation steps, oldest first, so the page can follow them. */
  automations: AutomationView[];
  /** Announcement deliveries, one per channel sub-item sent, oldest first. */
  notifications: NotificationView[];
  /** Announcements of timed phases the template has opted in: waiting, due for a confirm, or sent. */
  timedAnnouncements: TimedAnnouncementView[];
  /** Per item id: whether it can be worked on now, from the same function every writer asks. */
  availability: Record<string, ItemAvailabilityView>;
};
