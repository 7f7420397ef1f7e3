"use client";

import type { RunItemView, RunView } from "@/lib/runs/run-view";
import { ItemBodyView } from "@/components/templates/item-body-view";
import { LazyMarkdownBody } from "@/components/runs/item/lazy-panels";

/** The item's instructions: its body, the message it sends, and the child checklist it starts. */
export function ItemDetails({
  item,
  run,
  render,
}: {
  item: RunItemView;
  run: RunView;
  render: (text: string) => string;
}) {
  return (
    <>
      <ItemBodyView spec={item.spec} fields={run.fieldDefs} values={run.fields} Markdown={LazyMarkdownBody} />
      {item.spec.message && (
        <blockquote className="mt-1 border-l-4 border-sky-300 pl-3 text-sm text-slate-700">
          {render(item.spec.message)}
        </blockquote>
      )}
      {item.spec.linkTemplate && (
        <p className="mt-1 text-xs text-slate-600">Child checklist from “{render(item.spec.linkTemplate)}”</p>
      )}
    </>
  );
}
