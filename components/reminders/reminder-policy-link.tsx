import Link from "next/link";

/** From a template's page to its reminder lead times. */
export function ReminderPolicyLink({ slug }: { slug: string }) {
  return (
    <p className="text-sm">
      <Link href={`/templates/${slug}/reminders`} className="underline">
        Reminders and escalation
      </Link>
    </p>
  );
}
