"use client";

import type { PreviewData } from "@/app/(app)/templates/actions";
import { AUTOMATION_TYPES, FIELD_TYPES, ITEM_KINDS } from "@/lib/templates/definition";

/** The author's changes to the preview, keyed by item line and field key. */
export type Choices = {
  items: Record<number, { kind: string; automation?: string }>;
  fields: Record<string, string>;
};

/**
 * What an import would create, before anything is stored: sections, items with their kinds
 * (changeable, with what the words suggest), fields with their types (changeable),
 * acknowledgement groups, quick actions and every warning.
 */
export function ImportPreview(props: {
  preview: PreviewData;
  choices: Choices;
  onChange: (choices: Choices) => void;
}) {
  const { preview, choices } = props;
  const kindOf = (line: number, kind: string, automation?: string) =>
    choices.items[line] ?? { kind, ...(automation ? { automation } : {}) };

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
                .map((i) => {
                  const chosen = kindOf(i.line, i.kind, i.automation);
                  return (
                    <li
                      key={i.key}
                      className="flex flex-wrap items-center gap-2 py-0.5"
                      style={{ paddingLeft: `${i.depth * 1.25}rem` }}
                      data-testid={`preview-item-${s.key}-${i.key}`}
                    >
                      <span className="font-mono text-xs text-slate-600">{i.key}</span>
                      <span className="min-w-0 flex-1">{i.text}</span>
                      {i.done && <span className="text-xs text-emerald-800">done in the template</span>}
                      {i.hasBody && <span className="text-xs text-slate-600">has notes</span>}
                      {i.group ? (
                        <span className="text-xs text-slate-600">group</span>
                      ) : (
                        <>
                          <select
                            aria-label={`Kind of ${i.key} ${i.text}`}
                            className="rounded border border-slate-300 text-xs"
                            value={chosen.kind}
                            onChange={(e) =>
                              props.onChange({
                                ...choices,
                                items: {
                                  ...choices.items,
                                  [i.line]: {
                                    kind: e.target.value,
                                    ...(e.target.value === "automation"
                                      ? {
                                          automation:
                                            chosen.automation ??
                                            i.suggestion?.automation ??
                                            AUTOMATION_TYPES[0],
                                        }
                                      : {}),
                                  },
                                },
                              })
                            }
                          >
                            {ITEM_KINDS.map((k) => (
                              <option key={k}>{k}</option>
                            ))}
                          </select>
                          {chosen.kind === "automation" && (
                            <select
                              aria-label={`Automation of ${i.key}`}
                              className="rounded border border-slate-300 text-xs"
                              value={chosen.automation}
                              onChange={(e) =>
                                props.onChange({
                                  ...choices,
                                  items: {
                                    ...choices.items,
                                    [i.line]: { kind: "automation", automation: e.target.value },
                                  },
                                })
                              }
                            >
                              {AUTOMATION_TYPES.map((a) => (
                                <option key={a}>{a}</option>
                              ))}
                            </select>
                          )}
                          {i.suggestion && chosen.kind === i.kind && (
                            <span className="text-xs text-violet-800">
                              words suggest{" "}
                              {i.suggestion.automation?.replaceAll("_", " ") ?? i.suggestion.kind}
                            </span>
                          )}
                        </>
                      )}
                    </li>
                  );
                })}
            </ul>
          </div>
        ))}
      </div>

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
                        props.onChange({ ...choices, fields: { ...choices.fields, [f.key]: e.target.value } })
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

      {preview.ackGroups.length > 0 && (
        <div>
          <h3 className="font-medium">Acknowledgement groups</h3>
          <ul className="list-disc pl-5 text-sm">
            {preview.ackGroups.map((g) => (
              <li key={g.name}>
                {g.name} ({g.entries})
              </li>
            ))}
          </ul>
        </div>
      )}

      {preview.quickActions.length > 0 && (
        <div>
          <h3 className="font-medium">Quick actions</h3>
          <ul className="list-disc pl-5 text-sm">
            {preview.quickActions.map((a) => (
              <li key={a.line}>
                <code>
                  /{a.command} {a.args}
                </code>{" "}
                <span className="text-xs text-slate-600">line {a.line}</span>
              </li>
            ))}
          </ul>
          {(preview.hints.assignees.length > 0 || preview.hints.labels.length > 0 || preview.hints.due) && (
            <p className="mt-1 text-xs text-slate-600">
              {preview.hints.assignees.length > 0 && (
                <>Suggested completers: {preview.hints.assignees.join(", ")}. </>
              )}
              {preview.hints.labels.length > 0 && <>Labels: {preview.hints.labels.join(", ")}. </>}
              {preview.hints.due && <>Due: {preview.hints.due}.</>}
            </p>
          )}
        </div>
      )}
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
