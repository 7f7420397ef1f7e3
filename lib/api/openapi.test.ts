import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_OPERATIONS, openApiDocument } from "@/lib/api/openapi";

/** Every exported HTTP method of every route handler under app/api/v1, in OpenAPI's path form. */
function routeMethods(dir = path.join("app", "api", "v1")): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...routeMethods(p));
    else if (entry === "route.ts") {
      const route = `/${path.dirname(p).split(path.sep).slice(1).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
      for (const m of readFileSync(p, "utf8").matchAll(
        /export\s+(?:(?:async\s+)?function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
      ))
        out.push(`${m[1]} ${route}`);
    }
  }
  return out.sort();
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument();

  it("describes every /api/v1 route and method, and nothing that does not exist", () => {
    const described = API_OPERATIONS.map((op) => `${op.method} ${op.path}`).sort();
    expect(described).toEqual(routeMethods());
    for (const op of API_OPERATIONS)
      expect(doc.paths[op.path]?.[op.method.toLowerCase()], `${op.method} ${op.path}`).toBeDefined();
  });

  it("is OpenAPI 3.1 with unique operation ids and a request schema for every JSON write", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ids = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((o) => (o as { operationId: string }).operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const tick = doc.paths["/api/v1/runs/{number}/items/{item}/tick"]!.post as {
      requestBody: {
        content: { "application/json": { schema: { properties: object; required: string[] } } };
      };
      parameters: { name: string; in: string }[];
    };
    const schema = tick.requestBody.content["application/json"].schema;
    expect(Object.keys(schema.properties)).toEqual(["version", "done", "doneOutside"]);
    expect(schema.required).toEqual(["version"]);
    expect(tick.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      "path:number",
      "path:item",
      "header:If-Match",
      "header:Idempotency-Key",
    ]);
  });
});
