/**
 * Whole-day arithmetic on 'YYYY-MM-DD' calendar dates, done on the civil calendar itself
 * (days-from-civil, proleptic Gregorian): no Date object, no time zone, no daylight-saving shift.
 */
import { addDays, dayNumberOf, isCalendarDate } from '../../../platform/dates.ts';

export { addDays };

function parts(date: string): [number, number, number] {
  if (!isCalendarDate(date)) throw new Error(`Data non valida: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01; throws on a string that is not a calendar date. */
export function dayNumber(date: string): number {
  const n = dayNumberOf(date);
  if (Number.isNaN(n)) throw new Error(`Data non valida: ${date}`);
  return n;
}

/** `to` minus `from`, in days: daysBetween('2024-02-28', '2024-03-01') === 2. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function inclusiveDays(from: string, to: string): number {
  return Math.max(0, daysBetween(from, to) + 1);
}

export function yearOf(date: string): number {
  return parts(date)[0];
}

/** Same day `months` later; clamped to the month's last day (2024-12-31 + 2 months = 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysBetween(`${pad(year, 4)}-${pad(month, 2)}-01`, addMonthStart(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, last), 2)}`;
}

function addMonthStart(year: number, month: number): string {
  return month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1, 2)}-01`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
