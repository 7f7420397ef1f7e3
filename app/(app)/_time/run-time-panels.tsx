import type { Actor } from "@/lib/auth/permissions";
import { runForecasts } from "@/lib/forecasts/step-forecasts";
import { getRunMaintenance } from "@/lib/maintenance/get-run-maintenance";
import { listRunReminders } from "@/lib/reminders/list-run-reminders";
import { RunCalendarLink } from "@/components/calendar/run-calendar-link";
import { RunForecasts } from "@/components/forecasts/run-forecasts";
import { RunMaintenance } from "@/components/maintenance/run-maintenance";
import { RunReminders } from "@/components/reminders/run-reminders";

/**
 * What time brings to a run, read on the server when its page loads: the reminders, the
 * status page maintenance, the calendar link and the forecasts from past runs.
 */
export async function RunTimePanels(props: {
  actor: Actor;
  runId: string;
  number: number;
  hasWindow: boolean;
}) {
  const { actor, runId } = props;
  const [reminders, maintenance, forecasts] = await Promise.all([
    listRunReminders({ actor, runId }),
    getRunMaintenance({ actor, runId }),
    runForecasts({ actor, runId }),
  ]);
  return (
    <>
      <RunReminders reminders={reminders} />
      <RunMaintenance maintenance={maintenance} />
      <RunCalendarLink number={props.number} hasWindow={props.hasWindow} />
      <RunForecasts forecasts={forecasts} />
    </>
  );
}
