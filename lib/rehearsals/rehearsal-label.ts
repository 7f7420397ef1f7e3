/**
 * How a rehearsal is named wherever a run is shown or exported: its title carries the
 * prefix (so lists, emails and exports say it without knowing about rehearsals), and
 * exports add a line that says no production target was touched.
 */
export const REHEARSAL_PREFIX = "Rehearsal: ";

export function runTitle(rendered: string, rehearsal: boolean): string {
  return rehearsal && !rendered.startsWith(REHEARSAL_PREFIX) ? `${REHEARSAL_PREFIX}${rendered}` : rendered;
}

export const REHEARSAL_NOTICE =
  "REHEARSAL: announcements went to test destinations or were captured, and AWS steps were dry runs or ran in the sandbox. This is not evidence of a production change.";
