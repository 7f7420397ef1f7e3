/** The PostgreSQL NOTIFY channels and payloads every app instance listens to. */
export const RUN_CHANNEL = "runsheet_run";
export const PRESENCE_CHANNEL = "runsheet_presence";

/** Sent by appendAuditEvent inside the change's transaction, so only committed changes announce themselves. */
export type RunChange = { runId: string; seq: number; action: string; itemId: string | null };

export type PresenceBeat = {
  runId: string;
  userId: string;
  name: string;
  instance: string;
  /** One open page; a person with two tabs is two connections and stays present until both close. */
  conn: string;
  at: number;
  left?: boolean;
};

export type Viewer = { id: string; name: string };
