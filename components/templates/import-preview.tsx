"use client";

import type { PreviewData } from "@/app/(app)/templates/actions";
import { PreviewExtras } from "@/components/templates/import-preview-extras";
import { PreviewFields } from "@/components/templates/import-preview-fields";
import { PreviewItem } from "@/components/templates/import-preview-item";

/** The author's changes to the preview, keyed by item line and field key. */
export type Choices = {
  items: Record<number, { kind: string; automation?: string }>;
  fields: Record<string, string>;
};

export type PreviewProps = {
  preview: PreviewData;
  choices: Choices;
  onChange: (choices: Choices) => void;
};

/**
 * What an import would create, before anything is stored: sections, items with their kinds
 * (changeable, with what the words suggest), fields with their types (changeable),
 * acknowledgement groups, quick actions and every warning.
 */
export function ImportPreview(props: PreviewProps) {
  const { preview } = props;
  return (
    <section
      aria-label="Preview"
      className="space-y-4 rounded border border-slate-300 p-4"
      data-testid="import-preview"
    >
      <h2 className="text-lg font-semibold">
        Preview: {preview.name}{" "}
        <span className="text-sm font-normal text-slate-600">— nothing is stored yet</span>
      </h2>
      <p className="text-sm">
        Title: <code>{preview.titlePattern}</code> · {preview.sections.length} sections, {preview.itemCount}{" "}
        items, {preview.fields.length} fields
      </p>

      {preview.warnings.length > 0 && (
        <div
          className="rounded border border-amber-300 bg-amber-50 p-3 text-sm"
          data-testid="import-warnings"
        >
          <p className="font-medium">Kept, but shown differently than in GitLab:</p>
          <ul className="list-disc pl-5">
            {preview.warnings.map((w, n) => (
              <li key={n}>
                line {w.line}: {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div>
        <h3 className="font-medium">Sections and items</h3>
        {preview.sections.map((s) => (
          <div key={s.key} className="mt-2">
            <p className="text-sm font-semibold">
              {s.title}
              {s.offset ? ` (${s.offset})` : ""}
              {s.branch ? ` · ${s.branch === "go" ? "GO" : "NO GO"} branch` : ""}
              {s.items === 0 ? " · notes only" : ""}
            </p>
            <ul className="text-sm">
              {preview.items
                .filter((i) => i.sectionKey === s.key)
                .map((i) => (
                  <PreviewItem
                    key={i.key}
                    item={i}
                    sectionKey={s.key}
                    choices={props.choices}
                    onChange={props.onChange}
                  />
                ))}
            </ul>
          </div>
        ))}
      </div>

      <PreviewFields {...props} />

      <PreviewExtras preview={preview} />
    </section>
  );
}

/** The choices as the actions take them: only what differs from what the import read. */
export function choicesInput(preview: PreviewData, choices: Choices) {
  const items = preview.items
    .filter((i) => {
      const c = choices.items[i.line];
      return c && (c.kind !== i.kind || (c.kind === "automation" && c.automation !== i.automation));
    })
    .map((i) => ({ line: i.line, ...choices.items[i.line]! }));
  const fields = preview.fields
    .filter((f) => choices.fields[f.key] && choices.fields[f.key] !== f.type)
    .map((f) => ({ key: f.key, type: choices.fields[f.key]! }));
  return { items, fields };
}
