import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { getCalendarFeed } from "@/lib/calendar/calendar-feeds";
import { CalendarFeedPanel } from "@/components/calendar/calendar-feed-panel";

export const dynamic = "force-dynamic";
export const metadata = { title: "Calendar" };

export default async function CalendarSettingsPage() {
  const actor = await pageActor();
  const feed = await forPage(getCalendarFeed({ actor }));
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Calendar</h1>
      <p className="max-w-2xl text-sm text-slate-600">
        A private feed URL lists the upcoming runs you are part of — started, completing, assigned an item,
        approving or subscribed — each as its maintenance window with an alarm at every timed phase. Anyone
        with the URL can read the feed: revoke it if it leaks.
      </p>
      <CalendarFeedPanel since={feed?.createdAt ?? null} />
    </div>
  );
}
