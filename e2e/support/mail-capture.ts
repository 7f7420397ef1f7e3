/**
 * Mail for the end-to-end run: e2e/support/server.ts starts an SMTP capture server for
 * the app to send to, and a loopback HTTP endpoint (GET /messages) through which the
 * specs, which run in another process, read what arrived.
 */
import { createServer } from "node:http";
import { startSmtpCapture, type CapturedMail } from "../../test/smtp-capture";
import { E2E_MAIL_PORT } from "./ports";

export type { CapturedMail };

const MAIL_URL = `http://127.0.0.1:${E2E_MAIL_PORT}/messages`;

/** Starts both servers; returns the SMTP URL to hand to the app. */
export async function startMailCapture(): Promise<{ smtpUrl: string; close: () => Promise<void> }> {
  // A free port for SMTP: only the app needs to know it, through SMTP_URL.
  const smtp = await startSmtpCapture();
  const http = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/messages") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(smtp.messages));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(E2E_MAIL_PORT, "127.0.0.1", () => resolve());
  });
  return {
    smtpUrl: smtp.url,
    close: async () => {
      await new Promise((resolve) => http.close(resolve));
      await smtp.close();
    },
  };
}

/** Every message the app has sent so far in this end-to-end run. */
export async function capturedMail(): Promise<CapturedMail[]> {
  const res = await fetch(MAIL_URL);
  if (!res.ok) throw new Error(`mail capture answered ${res.status}`);
  return res.json();
}
