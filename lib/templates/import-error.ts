export type ImportIssue = { line: number | null; message: string };

export function formatIssue(issue: ImportIssue): string {
  return issue.line === null ? issue.message : `line ${issue.line}: ${issue.message}`;
}

/**
 * Raised for any template that cannot be imported. Every problem found is kept in
 * `issues` so an author can fix them in one go; the message shows the first.
 */
export class TemplateImportError extends Error {
  issues: ImportIssue[];

  constructor(issues: ImportIssue[]) {
    const first = issues[0];
    super(first ? formatIssue(first) : "the template could not be imported");
    this.name = "TemplateImportError";
    this.issues = issues;
  }
}
