import { DomainError, type ErrorBody } from "@/lib/errors";

export type ImportIssue = { line: number | null; message: string };

export function formatIssue(issue: ImportIssue): string {
  return issue.line === null ? issue.message : `line ${issue.line}: ${issue.message}`;
}

/**
 * Raised for any template that cannot be imported. Every problem found is kept in
 * `issues` so an author can fix them in one go; the message shows the first.
 */
export class TemplateImportError extends DomainError {
  override readonly status = 400;
  override readonly code = "import";
  issues: ImportIssue[];

  constructor(issues: ImportIssue[]) {
    const first = issues[0];
    super(first ? formatIssue(first) : "the template could not be imported");
    this.name = "TemplateImportError";
    this.issues = issues;
  }

  override toJSON(): ErrorBody {
    return { ...super.toJSON(), issues: this.issues };
  }
}
