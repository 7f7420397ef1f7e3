import type { FieldDef } from "@/lib/templates/definition";
import { MarkdownBody } from "@/components/templates/markdown-body";
import { ItemBodyView } from "@/components/templates/item-body-view";

/** An item's body and "done in the template", rendered where it stands (server or client). */
export function ItemBody(props: { spec: object; fields: FieldDef[]; values: Record<string, string> }) {
  return <ItemBodyView {...props} Markdown={MarkdownBody} />;
}
