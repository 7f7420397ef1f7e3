import Link from "next/link";
import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { ValidationError } from "@/lib/errors";
import { filterInput } from "@/lib/audit/promotion-filter";
import { searchPromotions } from "@/lib/audit/search-promotions";
import { listTemplates } from "@/lib/templates/list-templates";
import { PromotionFilters } from "./promotion-filters";
import { listMyTeams } from "@/lib/teams/list-teams";
import { PromotionTable } from "./promotion-table";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PromotionsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const params = await searchParams;
  const raw = filterInput(params);
  const cursor = typeof params.cursor === "string" ? params.cursor : null;
  const [templates, teams] = await forPage(Promise.all([listTemplates({ actor }), listMyTeams({ actor })]));
  const found = await forPage(
    searchPromotions({ actor, filter: raw, page: { cursor } }).catch((err: unknown) => {
      if (err instanceof ValidationError) return err;
      throw err;
    }),
  );
  const query = new URLSearchParams(
    Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const value = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : "");
  return (
    <div className="space-y-4 text-sm">
      <h1 className="text-xl font-semibold">Promotions</h1>
      <PromotionFilters templates={templates} teams={teams} value={value} />

      {found instanceof ValidationError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-800">
          {found.message}{" "}
          {Object.entries(found.fieldErrors ?? {})
            .map(([k, v]) => `${k}: ${v.join(", ")}`)
            .join("; ")}
        </p>
      ) : (
        <>
          <p className="flex gap-4">
            <span data-testid="promotion-count">
              {found.total} run{found.total === 1 ? "" : "s"}
              {found.total > found.rows.length ? ` (showing ${found.rows.length})` : ""}
            </span>
            <a className="text-blue-700 underline" href={`/api/v1/runs?${query}&format=csv`} download>
              Export CSV
            </a>
          </p>
          <PromotionTable rows={found.rows} />
          <nav className="flex gap-4" aria-label="Pages">
            {cursor ? (
              <Link className="text-blue-700 underline" href={`/promotions?${query}`}>
                First page
              </Link>
            ) : null}
            {found.nextCursor ? (
              <Link
                className="text-blue-700 underline"
                href={`/promotions?${new URLSearchParams([...query, ["cursor", found.nextCursor]])}`}
                rel="next"
              >
                Older runs
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}
