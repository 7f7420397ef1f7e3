/** What the acknowledgement roster and the link page show, as plain JSON for server and browser alike. */

export type AckVia = "link" | "signed_in";

export type AckSubscriberView = {
  id: string;
  name: string;
  /** Only for those who may change the run; null for everyone else. */
  email: string | null;
  handle: string | null;
  /** The viewer is this subscriber, and may acknowledge the row while signed in. */
  mine: boolean;
  acknowledgedAt: string | null;
  acknowledgedVia: AckVia | null;
  notifiedAt: string | null;
  notifyError: string | null;
};

export type AckGroupView = { key: string; name: string; subscribers: AckSubscriberView[] };

export type AckRosterView = {
  runId: string;
  number: number;
  status: "open" | "closed";
  /** The viewer may add and remove subscribers, issue links and send reminders. */
  canManage: boolean;
  mailConfigured: boolean;
  groups: AckGroupView[];
  /** Copied by the template's /cc: informed, not asked to acknowledge, so never counted as missing. */
  copied: AckCopiedView[];
  /** /cc handles no active user had when the run started: nobody was copied for them. */
  ccUnknown: string[];
};

export type AckCopiedView = {
  id: string;
  name: string;
  handle: string | null;
  mine: boolean;
  notifiedAt: string | null;
  /** Why no email went out: the person chose none, or the mail failed. */
  notifyError: string | null;
};

/** The one run a link belongs to, and nothing about any other. */
export type RunSummary = {
  number: number;
  title: string;
  changesetVersion: string | null;
  maintenanceWindow: string | null;
  templateName: string;
  sections: number;
  startedBy: string;
  startedAt: string;
};

export type AckLinkView = {
  run: RunSummary;
  subscriber: { name: string; groupName: string };
  acknowledgedAt: string | null;
};

export type AckRequestResult = {
  requested: number;
  sent: number;
  failed: { subscriberId: string; name: string; error: string }[];
};
