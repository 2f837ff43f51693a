/**
 * True for a YYYY-MM-DD date that exists in the calendar. A suppression's expiry is compared as
 * text, so `2026-13-45` or `2026-02-30` would silently mean "some later day": such a date is
 * refused, never taken.
 */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
