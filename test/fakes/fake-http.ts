import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake answers one request instead of its normal answer. */
export type Trouble =
  | { status: number; body?: string; retryAfter?: string }
  /** Accepts the request and never answers, as a stuck provider does. */
  | "hang"
  /** Does what the request asks, then never answers: the provider acted and the answer was lost. */
  | "act-then-hang";

export type Recorded = {
  at: number;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  status: number | "hung";
};

export type FakeHttp = {
  port: number;
  baseUrl: string;
  requests: Recorded[];
  /** The next requests get these answers, in order; later ones are answered normally. */
  failNext: (...troubles: Trouble[]) => void;
  /** Every request gets this answer until `recover()`. */
  failAll: (trouble: Trouble) => void;
  recover: () => void;
  close: () => Promise<void>;
};

/**
 * A loopback HTTP server for a provider fake: records every request, lets a test make it
 * fail (status, 429 with Retry-After, hang), and otherwise answers with `normal`.
 */
export async function startFakeHttp(
  normal: (req: Recorded) => { status: number; body: string; contentType?: string },
): Promise<FakeHttp> {
  const requests: Recorded[] = [];
  let next: Trouble[] = [];
  let always: Trouble | null = null;
  const hung = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec: Recorded = {
        at: Date.now(),
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        status: 0,
      };
      requests.push(rec);
      const trouble = always ?? next.shift();
      if (trouble === "act-then-hang") normal(rec);
      if (trouble === "hang" || trouble === "act-then-hang") {
        rec.status = "hung";
        hung.add(res);
        return;
      }
      if (trouble) {
        rec.status = trouble.status;
        res.writeHead(trouble.status, {
          "content-type": "text/plain",
          ...(trouble.retryAfter ? { "retry-after": trouble.retryAfter } : {}),
        });
        res.end(trouble.body ?? "");
        return;
      }
      const answer = normal(rec);
      rec.status = answer.status;
      res.writeHead(answer.status, { "content-type": answer.contentType ?? "text/plain" });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...troubles) => {
      next = troubles;
    },
    failAll: (trouble) => {
      always = trouble;
    },
    recover: () => {
      always = null;
      next = [];
    },
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
