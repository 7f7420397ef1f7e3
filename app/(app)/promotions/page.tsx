import Link from "next/link";
import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { ValidationError } from "@/lib/errors";
import { filterInput } from "@/lib/audit/promotion-filter";
import { searchPromotions } from "@/lib/audit/search-promotions";
import { listTemplates } from "@/lib/templates/list-templates";
import { utcStamp } from "@/lib/audit/evidence-format";
import { RESULT_VALUES } from "@/lib/templates/definition";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const input = "rounded border border-slate-300 px-2 py-1";

export default async function PromotionsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const params = await searchParams;
  const raw = filterInput(params);
  const cursor = typeof params.cursor === "string" ? params.cursor : null;
  const templates = await forPage(listTemplates(actor));
  const found = await forPage(
    searchPromotions(actor, raw, { cursor }).catch((err: unknown) => {
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
      <form method="get" className="flex flex-wrap items-end gap-3" data-testid="promotion-filters">
        <label className="flex flex-col">
          Template
          <select name="template" defaultValue={value("template")} className={input}>
            <option value="">Any</option>
            {templates.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Result
          <select name="result" defaultValue={value("result")} className={input}>
            <option value="">Any</option>
            {RESULT_VALUES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
            <option value="none">Not recorded</option>
          </select>
        </label>
        <label className="flex flex-col">
          Status
          <select name="status" defaultValue={value("status")} className={input}>
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
        </label>
        <label className="flex flex-col">
          From
          <input type="date" name="from" defaultValue={value("from")} className={input} />
        </label>
        <label className="flex flex-col">
          To
          <input type="date" name="to" defaultValue={value("to")} className={input} />
        </label>
        <label className="flex flex-col">
          Version
          <input
            name="version"
            defaultValue={value("version")}
            placeholder="4.3"
            className={`${input} w-24`}
          />
        </label>
        <label className="flex flex-col">
          Person
          <input
            name="person"
            defaultValue={value("person")}
            placeholder="@handle"
            className={`${input} w-32`}
          />
        </label>
        <label className="flex flex-col">
          Search titles and notes
          <input type="search" name="q" defaultValue={value("q")} className={input} />
        </label>
        <button type="submit" className="rounded bg-slate-900 px-3 py-1 font-medium text-white">
          Filter
        </button>
        <Link href="/promotions" className="underline">
          Clear
        </Link>
      </form>

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
          <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
            <table
              className="w-full border-collapse [&_td]:px-2 [&_td]:py-1 [&_td]:align-top [&_th]:px-2 [&_th]:py-1"
              data-testid="promotions"
            >
              <thead>
                <tr className="text-left text-slate-600">
                  <th className="py-1">Run</th>
                  <th>Title</th>
                  <th>Template</th>
                  <th>Version</th>
                  <th>Status</th>
                  <th>Result</th>
                  <th>Window / created (UTC)</th>
                  <th>By</th>
                  <th>Progress</th>
                  <th>
                    <span className="sr-only">Links</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {found.rows.map((r) => (
                  <tr key={r.number} className="border-t border-slate-200" data-testid="promotion-row">
                    <td className="py-1">
                      <Link className="text-blue-700 underline" href={`/runs/${r.number}`}>
                        #{r.number}
                      </Link>
                    </td>
                    <td>{r.title}</td>
                    <td>{r.template}</td>
                    <td>{r.version ?? "—"}</td>
                    <td>{r.status}</td>
                    <td>{r.result ?? "—"}</td>
                    <td className="whitespace-nowrap">
                      {utcStamp(r.windowStart ?? r.createdAt).replace(" UTC", "")}
                    </td>
                    <td>@{r.createdBy}</td>
                    <td>
                      {r.done}/{r.total}
                    </td>
                    <td>
                      <Link className="text-blue-700 underline" href={`/runs/${r.number}/audit`}>
                        Audit
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
