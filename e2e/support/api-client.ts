import { expect, request as playwrightRequest } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { OLIVIA, signInViaApi } from "./auth";
import { builtActions, callAction } from "./server-actions";
import { E2E_APP_PORT } from "./ports";

export const API_BASE = `http://localhost:${E2E_APP_PORT}`;

/** An API token of `email`'s, made through the same action as /settings/tokens. */
export async function apiToken(
  email = OLIVIA.email,
  scopes: string[] = ["runs.read", "runs.write", "runs.decide", "integrations.run"],
) {
  const session = await playwrightRequest.newContext({ baseURL: API_BASE });
  await signInViaApi(session, email);
  const action = builtActions().find(
    (a) => a.file === "app/(app)/settings/tokens/actions.ts" && a.name === "createApiTokenAction",
  )!;
  const out = await callAction(
    session,
    action,
    { name: `pipeline ${Date.now()}`, scopes, expiresInDays: 1 },
    API_BASE,
  );
  expect(out.ok, out.body).toBe(true);
  await session.dispose();
  return /"(rs_[^"]+)"/.exec(out.body)![1]!;
}

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

/**
 * A pipeline's HTTP client: Bearer token, JSON, and every answer checked against the
 * OpenAPI document the server publishes (the contract test).
 */
export async function pipelineClient(token: string) {
  const http = await playwrightRequest.newContext({
    baseURL: API_BASE,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const doc = (await (await http.get("/api/v1/openapi.json")).json()) as Doc & {
    components: { schemas: Record<string, object> };
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "doc", components: doc.components }, "doc");

  /** The documented answer for this method, path template and status, or fails the test. */
  function check(method: string, template: string, status: number, body: unknown) {
    const op = doc.paths[template]?.[method.toLowerCase()];
    expect(op, `${method} ${template} is in the OpenAPI document`).toBeDefined();
    const answer =
      op!.responses[String(status)] ?? (status >= 400 && status < 500 ? op!.responses["4XX"] : undefined);
    expect(answer, `${method} ${template} documents status ${status}`).toBeDefined();
    const schema = answer!.content?.["application/json"]?.schema;
    if (!schema) return;
    const resolved = JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"doc#/components'));
    const validate = ajv.compile(resolved);
    expect(validate(body), `${method} ${template} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }

  async function call(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    template: string,
    params: Record<string, string | number>,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const url = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(params[k])));
    const res = await http.fetch(url, {
      method,
      headers: { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { data: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    check(method, template, res.status(), json);
    return { status: res.status(), body: json, headers: res.headers() };
  }

  return { call, dispose: () => http.dispose() };
}
