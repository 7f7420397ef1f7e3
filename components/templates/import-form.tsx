"use client";

import { useState, useTransition } from "react";
import { importTemplateAction, type ImportActionResult } from "@/app/(app)/templates/actions";
import { ImportResultNotice } from "@/components/templates/import-result";
import { toBase64 } from "@/components/templates/to-base64";

export function ImportForm() {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ImportActionResult | null>(null);

  return (
    <div className="space-y-4">
      <form
        className="max-w-2xl space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          startTransition(async () => {
            const file = form.get("file");
            const pasted = String(form.get("markdown") ?? "");
            const bytes =
              file instanceof File && file.size > 0
                ? new Uint8Array(await file.arrayBuffer())
                : new TextEncoder().encode(pasted);
            if (bytes.length === 0) {
              setResult({
                ok: false,
                code: "validation",
                error: "Choose a Markdown file or paste a template.",
              });
              return;
            }
            setResult(
              await importTemplateAction({
                contentBase64: toBase64(bytes),
                name: String(form.get("name") ?? ""),
              }),
            );
          });
        }}
      >
        <label className="block">
          <span className="text-sm font-medium">Markdown file (a GitLab issue template)</span>
          <input
            name="file"
            type="file"
            accept=".md,.markdown,text/markdown,text/plain"
            className="mt-1 block"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium">…or paste it</span>
          <textarea
            name="markdown"
            rows={10}
            className="mt-1 w-full rounded border border-slate-300 p-2 font-mono text-sm"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium">Name (optional; taken from the title line otherwise)</span>
          <input name="name" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-4 py-2 font-medium text-white disabled:opacity-50"
        >
          {pending ? "Importing…" : "Import"}
        </button>
      </form>
      <ImportResultNotice result={result} />
    </div>
  );
}
