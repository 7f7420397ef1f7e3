import type { PreviewData } from "@/app/(app)/templates/actions";

/** What the import keeps beside the checklist: acknowledgement groups, quick actions and their hints. */
export function PreviewExtras({ preview }: { preview: PreviewData }) {
  return (
    <>
      {preview.ackGroups.length > 0 && (
        <div>
          <h3 className="font-medium">Acknowledgement groups</h3>
          <ul className="list-disc pl-5 text-sm">
            {preview.ackGroups.map((g) => (
              <li key={g.name}>
                {g.name} ({g.entries})
              </li>
            ))}
          </ul>
        </div>
      )}

      {preview.quickActions.length > 0 && (
        <div>
          <h3 className="font-medium">Quick actions</h3>
          <ul className="list-disc pl-5 text-sm">
            {preview.quickActions.map((a) => (
              <li key={a.line}>
                <code>
                  /{a.command} {a.args}
                </code>{" "}
                <span className="text-xs text-slate-600">line {a.line}</span>
              </li>
            ))}
          </ul>
          {(preview.hints.assignees.length > 0 || preview.hints.labels.length > 0 || preview.hints.due) && (
            <p className="mt-1 text-xs text-slate-600">
              {preview.hints.assignees.length > 0 && (
                <>Suggested completers: {preview.hints.assignees.join(", ")}. </>
              )}
              {preview.hints.labels.length > 0 && <>Labels: {preview.hints.labels.join(", ")}. </>}
              {preview.hints.due && <>Due: {preview.hints.due}.</>}
            </p>
          )}
        </div>
      )}
    </>
  );
}
