import type { ItemDef, TemplateDefinition } from "../definition";

export const MAX_NESTING_DEPTH = 8;
export const MAX_ITEMS = 5000;
export const UNTITLED = "Untitled checklist";

/** Something the import keeps but cannot act on, or shows differently than GitLab would. */
export type ImportWarning = { line: number; message: string };

/** A kind the words of an unannotated item suggest; the author decides in the preview. */
export type KindSuggestion = {
  sectionKey: string;
  itemKey: string;
  line: number;
  kind: ItemDef["kind"];
  automation?: ItemDef["automation"];
};

export type TemplateAnalysis = {
  definition: TemplateDefinition;
  warnings: ImportWarning[];
  suggestions: KindSuggestion[];
};
