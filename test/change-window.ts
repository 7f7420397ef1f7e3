/**
 * A change window a month ahead, as a `datetime-local` value. Tests that record the seed's
 * window take the path of a window still to come (a maintenance scheduled, reminders
 * planned) on whatever day they run, instead of a fixed date that turns into the past.
 */
export const FUTURE_WINDOW = `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T22:00`;
