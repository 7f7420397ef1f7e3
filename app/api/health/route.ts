/** Liveness: the process answers. It says nothing of the database; /api/ready does. */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
