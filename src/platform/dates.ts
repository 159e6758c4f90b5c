/**
 * Legal and appointment dates are calendar dates in Europe/Rome, carried as 'YYYY-MM-DD' strings:
 * never through a UTC Date, which would shift them by a day around midnight.
 * Whole-day arithmetic is done on day numbers (days since 1970-01-01 on the proleptic Gregorian calendar).
 */
export const ROME = 'Europe/Rome';

const romeDate = new Intl.DateTimeFormat('en-CA', { timeZone: ROME, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Rome at the given instant. */
export function romeDateOf(instant: Date = new Date()): string {
  return romeDate.format(instant);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DASH = 45;
const ZERO = 48;
/** Day numbers of 0000-01-01 and 9999-12-31: the years a 'YYYY-MM-DD' string can carry. */
const FIRST_DAY = -719528;
const LAST_DAY = 2932896;

/** The number written by `count` ASCII digits from `from`, or -1 if one of them is not a digit. */
function digits(value: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = value.charCodeAt(i) - ZERO;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a calendar date, or NaN when `value` is not one (exactly the dates isCalendarDate accepts).
 * Years 0000–0099 are refused as before: Date.UTC, which used to check dates, reads them as 1900–1999.
 */
export function dayNumberOf(value: string): number {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return Number.NaN;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  // H. Hinnant's days_from_civil (years counted from March, so the leap day ends the year).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The 'YYYY-MM-DD' date of a day number between 0000-01-01 and 9999-12-31 (H. Hinnant's civil_from_days). */
export function calendarDateOf(dayNumber: number): string {
  if (!(Number.isInteger(dayNumber) && dayNumber >= FIRST_DAY && dayNumber <= LAST_DAY)) throw new Error(`Giorno fuori intervallo: ${dayNumber}`);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const yyyy = year >= 1000 ? `${year}` : `${year}`.padStart(4, '0');
  return `${yyyy}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function isCalendarDate(value: string): boolean {
  return !Number.isNaN(dayNumberOf(value));
}

/** Adds whole days to a calendar date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const from = dayNumberOf(date);
  const to = from + days;
  if (Number.isInteger(days) && to >= FIRST_DAY && to <= LAST_DAY) return calendarDateOf(to);
  // Not a calendar date (e.g. '2024-02-30', normalised as before), or a result outside years 0000–9999.
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`Data non valida: ${date}`);
  const probe = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return probe.toISOString().slice(0, 10);
}
