import Link from "next/link";
import type { listTemplates } from "@/lib/templates/list-templates";
import { RESULT_VALUES } from "@/lib/templates/definition";

const input = "rounded border border-slate-300 px-2 py-1";

/** The promotions filter: a plain GET form, so every search is a link that can be shared. */
export function PromotionFilters({
  templates,
  teams,
  value,
}: {
  templates: Awaited<ReturnType<typeof listTemplates>>;
  /** The teams the reader may see. */
  teams: { slug: string; name: string }[];
  /** The filter's current value for a field, "" when unset. */
  value: (key: string) => string;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" data-testid="promotion-filters">
      <label className="flex flex-col">
        Team
        <select name="team" defaultValue={value("team")} className={input}>
          <option value="">All my teams</option>
          {teams.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
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
        <input name="version" defaultValue={value("version")} placeholder="4.3" className={`${input} w-24`} />
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
        Rehearsals
        <select name="rehearsals" defaultValue={value("rehearsals") || "exclude"} className={input}>
          <option value="exclude">Left out</option>
          <option value="include">Included</option>
          <option value="only">Only rehearsals</option>
        </select>
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
  );
}
