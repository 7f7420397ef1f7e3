"use client";

import { useState, useTransition } from "react";
import {
  importTemplateAction,
  previewTemplateAction,
  type ImportActionResult,
  type PreviewData,
} from "@/app/(app)/templates/actions";
import { ImportResultNotice } from "@/components/templates/import-result";
import { choicesInput, ImportPreview, type Choices } from "@/components/templates/import-preview";
import { toBase64 } from "@/components/templates/to-base64";

type Upload = { contentBase64: string; name: string };

/** Upload, preview what would be created, adjust kinds and field types, then save. */
export function ImportForm() {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ImportActionResult | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<PreviewData | null>(null);
  const [choices, setChoices] = useState<Choices>({ items: {}, fields: {} });

  const save = () =>
    startTransition(async () => {
      if (!upload || !preview) return;
      const r = await importTemplateAction({ ...upload, choices: choicesInput(preview, choices) });
      setResult(r);
      if (r.ok) setPreview(null);
    });

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
            setPreview(null);
            setChoices({ items: {}, fields: {} });
            if (bytes.length === 0) {
              setResult({
                ok: false,
                code: "validation",
                error: "Choose a Markdown file or paste a template.",
              });
              return;
            }
            const next = { contentBase64: toBase64(bytes), name: String(form.get("name") ?? "") };
            const r = await previewTemplateAction(next);
            if (r.ok) {
              setUpload(next);
              setPreview(r.data);
              setResult(null);
            } else {
              setUpload(null);
              setResult(r);
            }
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
          {pending && !preview ? "Reading…" : "Preview"}
        </button>
      </form>
      {preview && (
        <>
          <ImportPreview preview={preview} choices={choices} onChange={setChoices} />
          <button
            type="button"
            disabled={pending}
            onClick={save}
            className="rounded bg-emerald-800 px-4 py-2 font-medium text-white disabled:opacity-50"
          >
            {pending ? "Saving…" : "Save template"}
          </button>
        </>
      )}
      <ImportResultNotice result={result} />
    </div>
  );
}
