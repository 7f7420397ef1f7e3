import type { FieldDef } from "@/lib/templates/definition";
import { MarkdownBody } from "@/components/templates/markdown-body";

/** What a run item's snapshot may carry from its template item (spec is stored JSON). */
type KeptSpec = { body?: unknown; done?: unknown; group?: unknown };

/**
 * The part of a run item that the template said beyond its line: its body (code, notes,
 * tables), and whether the template came with it already ticked. Other pages render it
 * under the item's text.
 */
export function ItemBody(props: { spec: object; fields: FieldDef[]; values: Record<string, string> }) {
  const spec = props.spec as KeptSpec;
  const body = typeof spec.body === "string" ? spec.body : null;
  return (
    <>
      {spec.done === true && (
        <p className="mt-1 text-xs font-medium text-emerald-800" data-testid="done-in-template">
          Done in the template
        </p>
      )}
      {body && <MarkdownBody className="mt-1" markdown={body} fields={props.fields} values={props.values} />}
    </>
  );
}
