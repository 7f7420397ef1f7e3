import Link from "next/link";
import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { getTemplate } from "@/lib/templates/list-templates";
import { can } from "@/lib/auth/permissions";
import { getReminderPolicy } from "@/lib/reminders/reminder-policy";
import { ReminderPolicyPanel } from "@/components/reminders/reminder-policy-panel";
import { getTimedAnnouncementMode } from "@/lib/announcements/timed-announcement-setting";
import { TimedAnnouncementForm } from "@/components/announcements/timed-announcement-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Reminders" };

export default async function TemplateRemindersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await pageActor();
  const t = await forPage(getTemplate({ actor, slug }));
  const policy = await forPage(getReminderPolicy({ actor, templateSlug: t.slug }));
  const timedMode = await forPage(getTimedAnnouncementMode({ actor, templateSlug: t.slug }));
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/templates/${t.slug}`} className="underline">
          {t.name}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Reminders of {t.name}</h1>
      <ReminderPolicyPanel policy={policy} canEdit={can(actor, "templates.write")} />
      <TimedAnnouncementForm templateSlug={t.slug} mode={timedMode} canEdit={can(actor, "templates.write")} />
    </div>
  );
}
