import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAckByToken } from "@/lib/acks/get-ack-by-token";
import type { AckLinkView } from "@/lib/acks/ack-view";
import { GoneError, NotFoundError } from "@/lib/errors";
import { AckPanel } from "@/components/acks/ack-panel";
import { AcknowledgeLinkButton } from "@/components/acks/acknowledge-link-button";
import { LocalTime } from "@/components/ui/local-time";

export const dynamic = "force-dynamic";

// The token is in the URL: keep it out of Referer headers and search indexes.
export const metadata: Metadata = {
  title: "Acknowledge a change",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default async function AckPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let view: AckLinkView;
  try {
    view = await getAckByToken(token);
  } catch (err) {
    if (err instanceof GoneError)
      return (
        <AckPanel title="This run is closed; the link has expired">
          <p>Acknowledgements are only taken while a run is open.</p>
        </AckPanel>
      );
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  const { run, subscriber } = view;
  const facts: [string, React.ReactNode][] = [
    ["Changeset version", run.changesetVersion],
    [
      "Maintenance window",
      // Recorded as an instant: shown in the reader's zone, like every time.
      run.maintenanceWindow && /T\d\d:/.test(run.maintenanceWindow) ? (
        <LocalTime iso={run.maintenanceWindow} />
      ) : (
        run.maintenanceWindow
      ),
    ],
    ["Checklist", `${run.templateName}, ${run.sections} sections`],
    [
      "Started",
      <>
        <LocalTime iso={run.startedAt} /> by {run.startedBy}
      </>,
    ],
    ["You are on", subscriber.groupName],
  ];
  return (
    <AckPanel title={run.title}>
      <p>
        {subscriber.name}, you are asked to acknowledge that you know of this production change (run #
        {run.number}).
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd className="font-medium" data-testid={`ack-${k.toLowerCase().replace(/\s+/g, "-")}`}>
                {v}
              </dd>
            </div>
          ))}
      </dl>
      <AcknowledgeLinkButton token={token} acknowledgedAt={view.acknowledgedAt} />
    </AckPanel>
  );
}
