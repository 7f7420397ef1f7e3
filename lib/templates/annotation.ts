import type { ImportIssue } from "./import-error";
import { KIND_ATTRIBUTES, writeAnnotation } from "./annotations";

/**
 * Runsheet's own annotations in a template: an HTML comment at the end of an item's line
 * or a phase heading, `<!-- runsheet: id=dns-switch needs=prescale -->`. GitLab does not
 * render comments, so the template reads the same there; the importer keeps the values in
 * the definition and the exporter writes them back.
 *
 * The comment holds `key=value` pairs separated by spaces. Each key has its own reader
 * below; a new attribute (an explicit `kind=`, say) is one more entry in ATTRIBUTES.
 */

export type Annotation = {
  /** A name other items and phases refer to in `needs`. */
  id?: string;
  /** Ids of items (done) or phases (finished) this one waits for. */
  needs?: string[];
  /** The run result the item belongs to: "succeeded" (SUCCEEDED) or "failed" (FAILED or NO GO). */
  when?: "succeeded" | "failed";
  /** On the Go/No-Go decision: how many distinct people must approve GO. */
  approvals?: number;
};

const ID = /^[a-z][a-z0-9-]{0,63}$/;

type Reader = (value: string) => { ok: true; value: unknown } | { ok: false; message: string };

const ATTRIBUTES: Record<keyof Annotation, Reader> = {
  id: (v) =>
    ID.test(v) ? { ok: true, value: v } : { ok: false, message: `"${v}" is not an id (a-z, 0-9, -)` },
  needs: (v) => {
    const ids = v.split(",").map((s) => s.trim());
    const bad = ids.find((id) => !ID.test(id));
    if (bad !== undefined) return { ok: false, message: `needs: "${bad}" is not an id` };
    return { ok: true, value: [...new Set(ids)] };
  },
  when: (v) =>
    v === "succeeded" || v === "failed"
      ? { ok: true, value: v }
      : { ok: false, message: `when must be "succeeded" or "failed", not "${v}"` },
  approvals: (v) => {
    const n = /^\d{1,2}$/.test(v) ? Number(v) : NaN;
    return n >= 1 && n <= 20
      ? { ok: true, value: n }
      : { ok: false, message: `approvals must be a number from 1 to 20, not "${v}"` };
  },
};

/** The comment, at the end of a line (trailing spaces allowed). */
const COMMENT = /[ \t]*<!--\s*runsheet:([^>]*?)-->[ \t]*(\r?)$/;

export type LineAnnotation = { line: number; annotation: Annotation };

/**
 * Finds every annotation and returns the source without them (same line numbers), so
 * the Markdown parser never sees them. Malformed annotations are reported by line.
 */
export function extractAnnotations(source: string): {
  text: string;
  found: Map<number, Annotation>;
  issues: ImportIssue[];
} {
  const found = new Map<number, Annotation>();
  const issues: ImportIssue[] = [];
  const lines = source.split("\n");
  lines.forEach((raw, index) => {
    const m = COMMENT.exec(raw);
    if (!m) {
      if (/<!--\s*runsheet:/.test(raw)) {
        issues.push({ line: index + 1, message: "a runsheet annotation must end its line" });
      }
      return;
    }
    const line = index + 1;
    const parsed = parseAnnotation(m[1] ?? "");
    // What an item is (kind, automation, types) is read with the Markdown (annotations.ts).
    const kept = writeAnnotation(parsed.passThrough);
    lines[index] = raw.slice(0, m.index) + (kept ? ` ${kept}` : "") + (m[2] ?? "");
    for (const message of parsed.problems) issues.push({ line, message });
    if (Object.keys(parsed.annotation).length) found.set(line, parsed.annotation);
  });
  return { text: lines.join("\n"), found, issues };
}

export function parseAnnotation(body: string): {
  annotation: Annotation;
  problems: string[];
  passThrough: Record<string, string>;
} {
  const annotation: Record<string, unknown> = {};
  const passThrough: Record<string, string> = {};
  const problems: string[] = [];
  const words = body.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) problems.push("the runsheet annotation is empty");
  for (const word of words) {
    const eq = word.indexOf("=");
    const key = eq > 0 ? word.slice(0, eq) : word;
    const value = eq > 0 ? word.slice(eq + 1) : "";
    if (Object.hasOwn(KIND_ATTRIBUTES, key)) {
      passThrough[key] = value;
      continue;
    }
    if (!Object.hasOwn(ATTRIBUTES, key)) {
      const known = [...Object.keys(ATTRIBUTES), ...Object.keys(KIND_ATTRIBUTES)];
      problems.push(`unknown annotation "${key}" (known: ${known.join(", ")})`);
      continue;
    }
    if (eq <= 0 || value === "") {
      problems.push(`annotation attribute "${key}" needs a value (${key}=…)`);
      continue;
    }
    if (key in annotation) {
      problems.push(`annotation attribute "${key}" is given twice`);
      continue;
    }
    const read = ATTRIBUTES[key as keyof Annotation](value);
    if (read.ok) annotation[key] = read.value;
    else problems.push(read.message);
  }
  return { annotation: annotation as Annotation, problems, passThrough };
}

/** `<!-- runsheet: id=… needs=… -->`, or "" when there is nothing to say. Keys in a fixed order. */
export function formatAnnotation(a: Annotation): string {
  const parts: string[] = [];
  if (a.id !== undefined) parts.push(`id=${a.id}`);
  if (a.needs?.length) parts.push(`needs=${a.needs.join(",")}`);
  if (a.when !== undefined) parts.push(`when=${a.when}`);
  if (a.approvals !== undefined) parts.push(`approvals=${a.approvals}`);
  return parts.length ? `<!-- runsheet: ${parts.join(" ")} -->` : "";
}

/** The annotation fields of an item or section definition, for the exporter. */
export function annotationOf(x: Annotation): Annotation {
  return { id: x.id, needs: x.needs, when: x.when, approvals: x.approvals };
}
