/** The run's window as a calendar file: a plain link, the route answers with the .ics. */
export function RunCalendarLink({ number, hasWindow }: { number: number; hasWindow: boolean }) {
  if (!hasWindow) return null;
  return (
    <p className="text-sm">
      <a href={`/api/runs/${number}/calendar`} download className="text-sky-800 underline">
        Add the window to your calendar (.ics)
      </a>
    </p>
  );
}
