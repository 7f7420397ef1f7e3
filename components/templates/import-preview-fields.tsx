"use client";

import type { PreviewProps } from "@/components/templates/import-preview";
import { FIELD_TYPES } from "@/lib/templates/definition";

/** The template's fields with their types as read, changeable by the author. */
export function PreviewFields({ preview, choices, onChange }: PreviewProps) {
  return (
    <div>
      <h3 className="font-medium">Fields</h3>
      <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
        <table className="text-sm">
          <tbody>
            {preview.fields.map((f) => (
              <tr key={f.key} data-testid={`preview-field-${f.key}`}>
                <td className="pr-3">{f.label}</td>
                <td className="pr-3 font-mono text-xs text-slate-600">{`{{${f.key}}}`}</td>
                <td className="pr-3">
                  <select
                    aria-label={`Type of ${f.label}`}
                    className="rounded border border-slate-300 text-xs"
                    value={choices.fields[f.key] ?? f.type}
                    onChange={(e) =>
                      onChange({ ...choices, fields: { ...choices.fields, [f.key]: e.target.value } })
                    }
                  >
                    {FIELD_TYPES.map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                </td>
                <td className="text-xs text-slate-600">
                  {f.source === "overview" ? "asked at start" : "recorded in the run"}
                  {f.required ? ", required" : ""} · line {f.line}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
