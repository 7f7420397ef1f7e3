import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { actionKey, builtActions, callAction } from "../support/server-actions";
import { ADA, AUDREY, OLIVIA, PRIYA, SAM, signInViaApi } from "../support/auth";
import { queryOne, withDb } from "../support/db";
import { E2E_APP_PORT } from "../support/ports";

export const BASE_URL = `http://localhost:${E2E_APP_PORT}`;
/** `otherTeam`: an operator of another team (payments) than the one the runs belong to (platform). */
export type Who = "anonymous" | "operator" | "auditor" | "subscriber" | "admin" | "otherTeam";

const emails: Record<Exclude<Who, "anonymous">, string> = {
  operator: OLIVIA.email,
  auditor: AUDREY.email,
  subscriber: SAM.email,
  admin: ADA.email,
  otherTeam: PRIYA.email,
};

export type Item = { id: string; version: number };
export type MatrixContext = {
  as: Record<Who, APIRequestContext>;
  runA: { id: string; number: number; item: () => Promise<Item> };
  runB: { id: string; number: number; item: () => Promise<Item> };
  closedRun: { id: string; number: number };
  operatorId: string;
  auditorId: string;
  seedBase64: string;
};

async function itemOf(runId: string, position: number): Promise<Item> {
  return queryOne<Item>("SELECT id, version FROM run_items WHERE run_id = $1 AND position = $2", [
    runId,
    position,
  ]);
}

/** Signed-in request contexts for every role, and runs to aim at, created through the app. */
export async function buildContext(
  createRun: (as: APIRequestContext, version: string) => Promise<number>,
): Promise<MatrixContext> {
  const as = { anonymous: await playwrightRequest.newContext({ baseURL: BASE_URL }) } as Record<
    Who,
    APIRequestContext
  >;
  for (const who of Object.keys(emails) as (keyof typeof emails)[]) {
    as[who] = await playwrightRequest.newContext({ baseURL: BASE_URL });
    await signInViaApi(as[who], emails[who]);
  }
  const run = async (version: string, position: number) => {
    const number = await createRun(as.operator, version);
    const { id } = await queryOne<{ id: string }>("SELECT id FROM runs WHERE number = $1", [number]);
    return { id, number, item: () => itemOf(id, position) };
  };
  const runA = await run("7.1", 0);
  const runB = await run("7.2", 1);
  const closed = await run("7.3", 0);
  await withDb((c) =>
    c.query("UPDATE runs SET status = 'closed', closed_at = now() WHERE id = $1", [closed.id]),
  );
  const user = (email: string) => queryOne<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
  return {
    as,
    runA,
    runB,
    closedRun: { id: closed.id, number: closed.number },
    operatorId: (await user(OLIVIA.email)).id,
    auditorId: (await user(AUDREY.email)).id,
    seedBase64: readFileSync(
      path.join("lib", "templates", "builtin", "promote-changeset-to-production.md"),
    ).toString("base64"),
  };
}

/** The context both the matrix and the fuzz test use: runs started through the app's own action. */
export function buildMatrixContext(): Promise<MatrixContext> {
  const create = builtActions().find((a) => actionKey(a) === "app/(app)/runs/actions.ts#createRunAction");
  if (!create) throw new Error("createRunAction is not in the build; run npm run build");
  return buildContext(async (as: APIRequestContext, version: string) => {
    const out = await callAction(
      as,
      create,
      {
        templateSlug: "promote-changeset-to-production",
        fields: { promotionDate: "2026-12-01", changesetVersion: version },
      },
      BASE_URL,
    );
    expect(out.ok, out.body).toBe(true);
    return Number(/"number":(\d+)/.exec(out.body)![1]);
  });
}
