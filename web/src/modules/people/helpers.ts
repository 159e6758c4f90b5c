import type { ApiError } from '../../app/api.ts';
import type { IdentityWarning } from './types.ts';

/** Today's calendar date in Europe/Rome, 'YYYY-MM-DD' (the server's day for dates of declarations). */
export function romeToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const DAY_MS = 86_400_000;

function utcOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(utcOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY_MS) + 1;
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Server messages start lower-case ("indirizzo troppo corto"): shown as a sentence. */
export function sentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  const first = m.charAt(0).toLocaleUpperCase('it-IT') + m.slice(1);
  return /[.!?»)]$/.test(first) ? first : `${first}.`;
}

/** An extension member of the problem (RFC 9457 §3.2), kept by the API client. */
function extension(err: ApiError, name: string): unknown {
  return (err.problem as unknown as Record<string, unknown>)[name];
}

/** 409 on registration: the existing record's id, when the caller may open it. */
export function existingPersonIdOf(err: ApiError): string | null {
  const id = extension(err, 'existingPersonId');
  return typeof id === 'string' && id ? id : null;
}

/** 422 on registration: the declared data that disagree with the tax code (`warnings`, else the `errors` list). */
export function identityWarningsOf(err: ApiError): IdentityWarning[] {
  const raw = extension(err, 'warnings');
  if (Array.isArray(raw)) {
    const list = raw.filter(
      (w): w is IdentityWarning => !!w && typeof (w as IdentityWarning).warning === 'string' && typeof (w as IdentityWarning).message === 'string',
    );
    if (list.length > 0) return list;
  }
  return (err.problem.errors ?? []).map((e) => ({ warning: e.field, message: e.message }));
}
