"use client";

import type { PreviewData } from "@/app/(app)/templates/actions";
import type { PreviewProps } from "@/components/templates/import-preview";
import { AUTOMATION_TYPES, ITEM_KINDS } from "@/lib/templates/definition";

/** One item of the preview with its kind (and automation) as read, changeable by the author. */
export function PreviewItem({
  item: i,
  sectionKey,
  choices,
  onChange,
}: Omit<PreviewProps, "preview"> & { item: PreviewData["items"][number]; sectionKey: string }) {
  const chosen = choices.items[i.line] ?? {
    kind: i.kind,
    ...(i.automation ? { automation: i.automation } : {}),
  };
  return (
    <li
      className="flex flex-wrap items-center gap-2 py-0.5"
      style={{ paddingLeft: `${i.depth * 1.25}rem` }}
      data-testid={`preview-item-${sectionKey}-${i.key}`}
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
              onChange({
                ...choices,
                items: {
                  ...choices.items,
                  [i.line]: {
                    kind: e.target.value,
                    ...(e.target.value === "automation"
                      ? {
                          automation: chosen.automation ?? i.suggestion?.automation ?? AUTOMATION_TYPES[0],
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
                onChange({
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
              words suggest {i.suggestion.automation?.replaceAll("_", " ") ?? i.suggestion.kind}
            </span>
          )}
        </>
      )}
    </li>
  );
}
