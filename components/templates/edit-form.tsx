"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importTemplateAction, type ImportActionResult } from "@/app/(app)/templates/actions";
import { ImportResultNotice } from "@/components/templates/import-result";
import { toBase64 } from "@/components/templates/to-base64";

/**
 * Saving imports the text as a new version. The template's own name goes with it, so
 * the version lands under the same template even when the title line was edited.
 */
export function EditTemplateForm({
  slug,
  name,
  version,
  markdown,
}: {
  slug: string;
  name: string;
  version: number;
  markdown: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ImportActionResult | null>(null);

  return (
    <div className="space-y-4">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const text = String(new FormData(e.currentTarget).get("markdown") ?? "");
          startTransition(async () => {
            const saved = await importTemplateAction({
              contentBase64: toBase64(new TextEncoder().encode(text)),
              name,
            });
            setResult(saved);
            if (saved.ok && saved.data.created) {
              router.push(`/templates/${saved.data.slug}?version=${saved.data.version}`);
            }
          });
        }}
      >
        <label className="block">
          <span className="text-sm font-medium">Markdown of version {version}</span>
          <textarea
            name="markdown"
            defaultValue={markdown}
            rows={30}
            spellCheck={false}
            className="mt-1 w-full rounded border border-slate-300 p-2 font-mono text-sm"
          />
        </label>
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-slate-900 px-4 py-2 font-medium text-white disabled:opacity-50"
          >
            {pending ? "Saving…" : "Save as a new version"}
          </button>
          <Link href={`/templates/${slug}`} className="text-sm text-blue-700 hover:underline">
            Cancel
          </Link>
        </div>
      </form>
      <ImportResultNotice result={result} />
    </div>
  );
}
