import type { FieldDef } from "./definition";
import {
  camelKey,
  inferFieldType,
  keyFromLabel,
  labelFromName,
  optionsType,
  splitOptions,
} from "./infer-field";
import type { Placeholder } from "./inline-text";

/** Words that introduce an issue reference without naming it ("Closes #…"). */
const REFERENCE_VERBS = /^(closes|close|fixes|fix|resolves|resolve|see|ref|refs|issue|link)$/i;

/** Template names often end in the environment, which says nothing about the issue. */
const ENVIRONMENT_WORDS = /^(production|prod|staging|stage|template|checklist)$/i;

export type ItemContext = {
  /** Text on the placeholder's line before it, e.g. "Post mortem issue: ". */
  lineBefore: string;
  /** The item's own text with placeholders left out, to find a `template "…"` name. */
  itemText: string;
};

/**
 * Owns the template's fields so every placeholder with the same meaning maps to
 * one key: overview fields first, then fields discovered inside items.
 */
export class FieldRegistry {
  readonly fields: FieldDef[] = [];

  addOverview(label: string, hint: string, line: number): FieldDef {
    const inferred = inferFieldType(hint);
    let type = inferred.type;
    let options = inferred.options;
    let shownLabel = label.trim();

    // "Result (NO GO, SUCCEEDED, FAILED)": the options may be spelled in the label instead.
    const paren = /\(([^()]*)\)\s*$/.exec(shownLabel);
    const fromLabel = paren ? optionsType(splitOptions(paren[1] ?? "") ?? []) : null;
    if (paren && fromLabel && (type === "text" || type === fromLabel.type)) {
      type = fromLabel.type;
      options = fromLabel.options;
      shownLabel = shownLabel.slice(0, paren.index).trim();
    }

    return this.add({
      key: this.uniqueKey(keyFromLabel(shownLabel)),
      label: shownLabel,
      type,
      hint,
      ...(options ? { options } : {}),
      source: "overview",
      // Only what the title and schedule need is asked for up front; results come later.
      required: type === "date" || type === "datetime" || type === "version",
      line,
    });
  }

  /** A placeholder in the title or a note: only existing fields are used, nothing is created. */
  lookup(placeholder: Placeholder): FieldDef | undefined {
    return this.fields.find((f) => f.hint === placeholder.hint && f.type !== "issue_ref");
  }

  resolveInItem(placeholder: Placeholder, context: ItemContext): FieldDef {
    const inferred = inferFieldType(placeholder.hint);
    // Each link item records its own issue, so issue references are never shared.
    if (inferred.type !== "issue_ref") {
      const existing = this.lookup(placeholder);
      if (existing) return existing;
    }

    const { key, label } = this.describeItemField(placeholder, inferred.type, inferred.options, context);
    return this.add({
      key: this.uniqueKey(key),
      label,
      type: inferred.type,
      hint: placeholder.hint,
      ...(inferred.options ? { options: inferred.options } : {}),
      source: "item",
      required: false,
      line: placeholder.line,
    });
  }

  private describeItemField(
    placeholder: Placeholder,
    type: FieldDef["type"],
    options: string[] | undefined,
    context: ItemContext,
  ): { key: string; label: string } {
    const lineLabel = context.lineBefore.replace(/[\s:#]+$/, "").trim();
    const usableLabel =
      lineLabel !== "" && lineLabel.split(/\s+/).length <= 4 && !REFERENCE_VERBS.test(lineLabel)
        ? lineLabel
        : null;

    if (type === "issue_ref") {
      if (usableLabel) return { key: ensureSuffix(keyFromLabel(usableLabel), "Issue"), label: usableLabel };
      const template = /\btemplate\s+"([^"]+)"/i.exec(context.itemText)?.[1]?.trim();
      if (template) {
        const words = template
          .split(/[^A-Za-z0-9]+/)
          .filter((w) => w !== "" && !ENVIRONMENT_WORDS.test(w))
          .slice(0, 3)
          .join(" ");
        return { key: ensureSuffix(camelKey(words), "Issue"), label: `${template} issue` };
      }
      return { key: "linkedIssue", label: "Linked issue" };
    }
    if ((type === "decision" || type === "result") && options) {
      const noun = type === "decision" ? "Decision" : "Result";
      return {
        key: camelKey(`${options.join(" ")} ${noun}`),
        label: `${options.join("/")} ${noun.toLowerCase()}`,
      };
    }
    if (placeholder.style === "name") {
      return { key: camelKey(placeholder.hint), label: labelFromName(placeholder.hint) };
    }
    if (placeholder.style === "mustache" || placeholder.style === "angle" || placeholder.style === "erb") {
      // Named placeholders keep their name as the key; the form shows the words the author put before them.
      // A name that already is a key (`{{changesetVersion}}`, as exports write tokens) stays that key.
      const key = /^[a-z][A-Za-z0-9]*$/.test(placeholder.hint)
        ? placeholder.hint
        : camelKey(placeholder.hint);
      return { key, label: usableLabel ?? labelFromName(placeholder.hint) };
    }
    if (usableLabel) return { key: keyFromLabel(usableLabel), label: usableLabel };
    const words = placeholder.hint.replace(/^@/, "");
    return {
      key: /[A-Za-z]{2}/.test(words) ? camelKey(words) : `${camelKey(type)}Value`,
      label: placeholder.hint,
    };
  }

  private add(field: FieldDef): FieldDef {
    this.fields.push(field);
    return field;
  }

  private uniqueKey(base: string): string {
    const taken = new Set(this.fields.map((f) => f.key));
    if (!taken.has(base)) return base;
    let n = 2;
    while (taken.has(`${base}${n}`)) n++;
    return `${base}${n}`;
  }
}

function ensureSuffix(key: string, suffix: string): string {
  return key.toLowerCase().endsWith(suffix.toLowerCase()) ? key : `${key}${suffix}`;
}
