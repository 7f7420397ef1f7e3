import Link from "next/link";
import type { ImportActionResult } from "@/app/(app)/templates/actions";

/** What an import or an edit came to: the version stored, or every problem with its line. */
export function ImportResultNotice({ result }: { result: ImportActionResult | null }) {
  if (result?.ok === true) {
    return (
      <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
        {result.data.created ? "Imported" : "Unchanged (identical to the latest version)"}:{" "}
        <Link
          className="font-medium text-blue-700 underline"
          href={`/templates/${result.data.slug}?version=${result.data.version}`}
        >
          {result.data.name} v{result.data.version}
        </Link>{" "}
        — {result.data.sections} sections, {result.data.items} items.
      </p>
    );
  }
  if (result?.ok === false) {
    return (
      <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm">
        <p className="font-medium">Nothing was imported. {result.error}</p>
        {result.issues && result.issues.length > 1 && (
          <ul className="mt-2 list-disc pl-5">
            {result.issues.map((i, n) => (
              <li key={n}>{i.line ? `line ${i.line}: ${i.message}` : i.message}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return null;
}
