import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type Mail = {
  /** An object keeps a display name with commas or quotes from being misread as two addresses. */
  to: string | { name: string; address: string };
  subject: string;
  text: string;
  html: string;
};

export const SMTP_NOT_CONFIGURED = "SMTP is not configured";

// Built once: SMTP_URL does not change while the process runs.
let cached: { url: string; transport: Transporter } | undefined;

function transport(url: string): Transporter {
  if (cached?.url !== url) {
    cached = {
      url,
      transport: nodemailer.createTransport({
        url,
        // Sending happens while someone waits for a button; a dead server must fail in seconds, not minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return cached.transport;
}

export function mailConfigured(): boolean {
  return !!env().SMTP_URL;
}

export type SentMail = {
  messageId: string;
  /** The server's final answer, e.g. "250 OK: queued as …": evidence that it took the message. */
  response: string;
  /** Recipients the server turned away while accepting the others. */
  rejected: string[];
  /** Each refused recipient with the server's answer (e.g. "550 5.1.1 No such user"). */
  refusals: { address: string; reason: string }[];
};

/** Sends one message; throws with the server's answer when it is refused. */
export async function sendMail(mail: Mail): Promise<SentMail> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) throw new Error(SMTP_NOT_CONFIGURED);
  const info = await transport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
  const errors =
    (info as { rejectedErrors?: { recipient?: string; response?: string; message?: string }[] })
      .rejectedErrors ?? [];
  return {
    refusals: errors.map((e) => ({
      address: e.recipient ?? "?",
      reason: e.response ?? e.message ?? "refused",
    })),
    messageId: info.messageId,
    response: String(info.response ?? ""),
    rejected: ((info.rejected ?? []) as (string | { address: string })[]).map((r) =>
      typeof r === "string" ? r : r.address,
    ),
  };
}
