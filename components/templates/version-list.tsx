import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { TemplateVersionSummary } from "@/lib/templates/list-versions";

/** Every version of a template, the one shown marked, with a form to compare two. */
export function VersionList({
  slug,
  versions,
  shown,
}: {
  slug: string;
  versions: TemplateVersionSummary[];
  shown: number;
}) {
  const latest = versions[0]?.version ?? shown;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="versions-heading">
      <h2 id="versions-heading" className="mb-2 font-semibold">
        Versions
      </h2>
      <ul className="divide-y divide-slate-100 text-sm">
        {versions.map((v) => (
          <li key={v.version} className="flex flex-wrap items-center gap-3 py-1.5">
            <Link
              href={`/templates/${slug}?version=${v.version}`}
              aria-current={v.version === shown ? "page" : undefined}
              className={v.version === shown ? "font-semibold" : "text-blue-700 hover:underline"}
            >
              v{v.version}
            </Link>
            <LocalTime iso={v.createdAt} />
            <span className="text-slate-600">{v.createdBy ?? "system"}</span>
            <span className="text-slate-600">
              {v.sections} sections · {v.items} items
            </span>
            <code className="ml-auto text-xs text-slate-600" title={v.sourceSha256}>
              {v.sourceSha256.slice(0, 12)}
            </code>
          </li>
        ))}
      </ul>
      {versions.length > 1 && (
        <form action={`/templates/${slug}/diff`} method="get" className="mt-3 flex items-end gap-2 text-sm">
          <label className="block">
            <span className="block text-slate-600">From</span>
            <select
              name="from"
              defaultValue={versions[1]?.version}
              className="rounded border border-slate-300 px-2 py-1"
            >
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="block text-slate-600">To</span>
            <select name="to" defaultValue={latest} className="rounded border border-slate-300 px-2 py-1">
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded border border-slate-300 px-3 py-1 font-medium">
            Compare
          </button>
        </form>
      )}
    </section>
  );
}
