import { openApiDocument } from "@/lib/api/openapi";

/** The OpenAPI 3.1 description of /api/v1, generated from the routes' own zod schemas. Public. */
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
