import type { ComponentType } from "react";
import type { FieldDef } from "@/lib/templates/definition";

/** What a run item's snapshot may carry from its template item (spec is stored JSON). */
type KeptSpec = { body?: unknown; done?: unknown; group?: unknown };

export type MarkdownRenderer = ComponentType<{
  markdown: string;
  fields?: readonly { key: string; hint: string }[];
  values?: Record<string, string | null | undefined>;
  className?: string;
}>;

/**
 * The part of a run item that the template said beyond its line: its body (code, notes,
 * tables), and whether the template came with it already ticked. The Markdown renderer is
 * given, so the run page can load it lazily and the audit view render it on the server.
 */
export function ItemBodyView(props: {
  spec: object;
  fields: FieldDef[];
  values: Record<string, string>;
  Markdown: MarkdownRenderer;
}) {
  const spec = props.spec as KeptSpec;
  const body = typeof spec.body === "string" ? spec.body : null;
  const { Markdown } = props;
  return (
    <>
      {spec.done === true && (
        <p className="mt-1 text-xs font-medium text-emerald-800" data-testid="done-in-template">
          Done in the template
        </p>
      )}
      {body && <Markdown className="mt-1" markdown={body} fields={props.fields} values={props.values} />}
    </>
  );
}
