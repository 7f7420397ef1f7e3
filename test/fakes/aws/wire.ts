/** The AWS wire formats the fake answers in: query/XML, REST-JSON and REST-XML errors and results. */
import { randomUUID } from "node:crypto";

export type Protocol = "query" | "json" | "restxml";
export type Answer = {
  status?: number;
  type: "xml" | "json";
  body: string;
  headers?: Record<string, string>;
};

/** Thrown by a handler to answer with an AWS error instead of a result. */
export class AwsFault {
  constructor(readonly answer: Answer) {}
}

export const esc = (s: unknown) =>
  String(s).replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );
export const members = (items: string[]) => items.map((i) => `<member>${i}</member>`).join("");
export const tag = (name: string, value: unknown) =>
  value === undefined || value === null ? "" : `<${name}>${esc(value)}</${name}>`;

/**
 * Query-protocol errors are an <ErrorResponse> (Sender for 4xx, Receiver for 5xx); REST-JSON
 * errors carry their code in x-amzn-errortype; REST-XML (Route 53) uses <ErrorResponse> too.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */
export function awsError(protocol: Protocol, status: number, code: string, message: string): AwsFault {
  if (protocol === "json")
    return new AwsFault({
      status,
      type: "json",
      body: JSON.stringify({ message, Message: message, Code: code }),
      headers: { "x-amzn-errortype": code },
    });
  const type = status >= 500 ? "Receiver" : "Sender";
  return new AwsFault({
    status,
    type: "xml",
    body: `<ErrorResponse><Error><Type>${type}</Type><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  });
}

export const queryOk = (op: string, ns: string, result: string): Answer => ({
  type: "xml",
  body: `<${op}Response xmlns="${ns}">${result ? `<${op}Result>${result}</${op}Result>` : ""}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${op}Response>`,
});

export const jsonOk = (value: unknown): Answer => ({ type: "json", body: JSON.stringify(value) });

/** Query-protocol lists: Name.member.1, Name.member.2, … */
export function memberList(form: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${name}.member.${i}`); i++) out.push(form.get(`${name}.member.${i}`)!);
  return out;
}

/** One operation the fake can answer: its IAM action (for the policy check) and what it does. */
export type Handler = { op: string; action: string; protocol: Protocol; apply: () => Answer };
