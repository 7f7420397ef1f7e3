import { checkReadiness } from "@/lib/ops/readiness";

/**
 * Readiness for load balancers and orchestrators: 200 when this instance may take traffic,
 * 503 with the failing checks otherwise. No secrets or connection strings in the answer.
 */
export const dynamic = "force-dynamic";

export async function GET() {
  const { ready, checks, integrations } = await checkReadiness();
  return Response.json(
    { status: ready ? "ready" : "not ready", checks, integrations },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
