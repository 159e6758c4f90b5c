/**
 * Income limits for keeping the state of unemployment while working (art. 4 c.15-quater DL 4/2019,
 * conv. L. 26/2019, in force from 2019-03-30: income whose gross tax does not exceed the art. 13 TUIR
 * deductions). Source of the rows: rules reference §1.2 (../shared/docs/rules-reference.md).
 *
 * This table is DATA. A day that no row covers has NO limit: it is never extrapolated from the year before;
 * decisions that need it wait ('pending', rule INCOME_LIMIT_MISSING) and the agency administrators are told.
 * Not configured on purpose: before 2019-03-30 (no conservation under art. 19 D.lgs 150/2015 as it then stood)
 * and from 2025-01-01 (not in the reference yet).
 *
 * To add a year: append a row { from: 'YYYY-01-01', to: 'YYYY-12-31', employee, selfEmployed, source, confidence }
 * where `source` names the act (ministerial note, INPS message, decree) and, if possible, its URL, and
 * `confidence` is 'V' only when the figure was read in that act. Rows must not overlap (checkIncomeLimitTable);
 * then recompute the timelines that were pending for that year (Timeline.missingIncomeLimitYears).
 */

import { isCalendarDate } from '../../../platform/dates.ts';
import { addDays, yearOf } from './days.ts';
import type { IncomeLimitRow } from './events.ts';

export type { IncomeLimitRow };

/** Frozen, rows included: values derived from a table (boundaries, texts) are memoised per table and per row. */
function frozen(rows: IncomeLimitRow[]): readonly IncomeLimitRow[] {
  return Object.freeze(rows.map((row) => Object.freeze(row)));
}

export const INCOME_LIMITS: readonly IncomeLimitRow[] = frozen([
  {
    from: '2019-03-30',
    to: '2021-12-31',
    employee: 8145,
    selfEmployed: 4800,
    source: 'ANPAL circ. n. 1 del 23/7/2019 (art. 4 c.15-quater DL 4/2019)',
    confidence: 'V',
  },
  {
    from: '2022-01-01',
    to: '2023-12-31',
    employee: 8173.91,
    selfEmployed: 5500,
    source: 'Ministero del Lavoro nota 5824/2022; INPS messaggio n. 1414 del 9/4/2024',
    confidence: 'V',
  },
  {
    from: '2024-01-01',
    to: '2024-12-31',
    employee: 8500,
    selfEmployed: 5500,
    source: 'D.lgs 216/2023; INPS messaggio n. 1414 del 9/4/2024',
    confidence: 'V',
  },
]);

export interface MissingIncomeLimit {
  missing: true;
  date: string;
  year: number;
  message: string;
}

export function missingLimitMessage(year: number): string {
  return `in attesa: limite di reddito non configurato per l'anno ${year}`;
}

/** The row in force on `date`, or `{ missing: true }`: never the nearest row. */
export function limitFor(date: string, table: readonly IncomeLimitRow[] = INCOME_LIMITS): IncomeLimitRow | MissingIncomeLimit {
  const row = table.find((r) => r.from <= date && (r.to === undefined || date <= r.to));
  if (row) return row;
  const year = yearOf(date);
  return { missing: true, date, year, message: missingLimitMessage(year) };
}

export function isMissing(limit: IncomeLimitRow | MissingIncomeLimit): limit is MissingIncomeLimit {
  return 'missing' in limit;
}

/** Days on which limitFor may give a different answer than the day before. */
export function limitBoundaries(table: readonly IncomeLimitRow[] = INCOME_LIMITS): string[] {
  return table.flatMap((r) => (r.to === undefined ? [r.from] : [r.from, addDays(r.to, 1)]));
}

const boundarySets = new WeakMap<readonly IncomeLimitRow[], ReadonlySet<string>>();

/** limitBoundaries as a set, computed once per table: a table is data, never changed once in use. */
export function limitBoundarySet(table: readonly IncomeLimitRow[]): ReadonlySet<string> {
  let set = boundarySets.get(table);
  if (set === undefined) {
    set = new Set(limitBoundaries(table));
    boundarySets.set(table, set);
  }
  return set;
}

/** Problems in a table (empty when sound): bad dates, `to` before `from`, overlaps, missing source, bad amounts. */
export function checkIncomeLimitTable(table: readonly IncomeLimitRow[]): string[] {
  const problems: string[] = [];
  for (const r of table) {
    const name = `riga dal ${r.from}`;
    if (!isCalendarDate(r.from) || (r.to !== undefined && !isCalendarDate(r.to))) problems.push(`${name}: data non valida`);
    else if (r.to !== undefined && r.to < r.from) problems.push(`${name}: fine prima dell'inizio`);
    if (!r.source.trim()) problems.push(`${name}: fonte mancante`);
    if (!(r.employee > 0) || !(r.selfEmployed > 0)) problems.push(`${name}: importi non validi`);
  }
  const sorted = [...table].sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.to === undefined || prev.to >= cur.from) problems.push(`righe dal ${prev.from} e dal ${cur.from}: periodi sovrapposti`);
  }
  return problems;
}
