"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { importTemplateAction, type ImportActionResult } from "@/app/(app)/templates/actions";

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
              file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(pasted);
            if (bytes.length === 0) {
              setResult({ ok: false, code: "validation", error: "Choose a Markdown file or paste a template." });
              return;
            }
            setResult(await importTemplateAction({ contentBase64: toBase64(bytes), name: String(form.get("name") ?? "") }));
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
      {result?.ok === true && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          {result.data.created ? "Imported" : "Unchanged (identical to the latest version)"}:{" "}
          <Link className="font-medium text-blue-700 underline" href={`/templates/${result.data.slug}`}>
            {result.data.name} v{result.data.version}
          </Link>{" "}
          — {result.data.sections} sections, {result.data.items} items.
        </p>
      )}
      {result?.ok === false && (
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
      )}
    </div>
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
