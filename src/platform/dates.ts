/**
 * Legal and appointment dates are calendar dates in Europe/Rome, carried as 'YYYY-MM-DD' strings:
 * never through a UTC Date, which would shift them by a day around midnight.
 */
export const ROME = 'Europe/Rome';

const romeDate = new Intl.DateTimeFormat('en-CA', { timeZone: ROME, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Rome at the given instant. */
export function romeDateOf(instant: Date = new Date()): string {
  return romeDate.format(instant);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Adds whole days to a calendar date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`Data non valida: ${date}`);
  const probe = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return probe.toISOString().slice(0, 10);
}
