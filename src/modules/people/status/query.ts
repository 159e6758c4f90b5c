/**
 * Questions to a computed timeline: the status on any date, and the length of unemployment.
 *
 * Unemployment days (rules reference §1.1; ANPAL circ. 1/2019): counted in days from the day of the DID up to and
 * including the given date, within the registration episode that contains it, counting only the days spent
 * 'unemployed', 'at-risk' or 'employed-keeping'. Suspension days (the first and last day of the job included)
 * are excluded, and so are 'pending' days (reported separately as pendingDays: the figure is then provisional).
 * The day of a revocation or loss is not counted ("fino al giorno antecedente"); on a date with no episode
 * (not registered, lost) the count is 0. A new DID after a loss starts again from 1.
 */
import { addDays, inclusiveDays } from './days.ts';
import type { Basis, EmploymentState, IncomeLimitRow, PaySource, Period, Timeline } from './events.ts';
import { RULES } from './rules.ts';

const COUNTED: ReadonlySet<EmploymentState> = new Set(['unemployed', 'at-risk', 'employed-keeping']);

export interface StatusOnDate {
  date: string;
  state: EmploymentState;
  /** First day of the uninterrupted run of this state (within the same episode); null when never registered. */
  since: string | null;
  ruleId: string;
  legalBasis: string;
  basis: Basis;
  paySource?: PaySource;
  limitUsed?: IncomeLimitRow;
  sinceJobId?: string;
  declarationDate?: string;
  unemploymentDays: number;
  pendingDays: number;
}

function indexOn(timeline: Timeline, date: string): number {
  const periods = timeline.periods;
  let lo = 0;
  let hi = periods.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid]!.from <= date) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export function periodOn(timeline: Timeline, date: string): Period | undefined {
  const i = indexOn(timeline, date);
  return i < 0 ? undefined : timeline.periods[i];
}

function countDays(timeline: Timeline, date: string, states: (s: EmploymentState) => boolean): number {
  const current = periodOn(timeline, date);
  if (current?.episode === undefined) return 0;
  let total = 0;
  for (const p of timeline.periods) {
    if (p.episode !== current.episode || p.from > date || !states(p.state)) continue;
    const to = p.to === null || p.to > date ? date : p.to;
    total += inclusiveDays(p.from, to);
  }
  return total;
}

export function unemploymentDays(timeline: Timeline, date: string): number {
  return countDays(timeline, date, (s) => COUNTED.has(s));
}

export function pendingDays(timeline: Timeline, date: string): number {
  return countDays(timeline, date, (s) => s === 'pending');
}

export function statusOn(timeline: Timeline, date: string): StatusOnDate {
  const i = indexOn(timeline, date);
  if (i < 0) {
    const rule = RULES.NOT_REGISTERED;
    return {
      date,
      state: 'not-registered',
      since: null,
      ruleId: rule.id,
      legalBasis: rule.legalBasis,
      basis: { legalBasis: rule.legalBasis },
      unemploymentDays: 0,
      pendingDays: 0,
    };
  }
  const p = timeline.periods[i]!;
  let start = i;
  while (start > 0) {
    const before = timeline.periods[start - 1]!;
    if (before.state !== p.state || before.episode !== p.episode || before.to !== addDays(timeline.periods[start]!.from, -1)) break;
    start--;
  }
  return {
    date,
    state: p.state,
    since: timeline.periods[start]!.from,
    ruleId: p.ruleId,
    legalBasis: p.basis.legalBasis,
    basis: p.basis,
    ...(p.basis.paySource === undefined ? {} : { paySource: p.basis.paySource }),
    ...(p.basis.limitUsed === undefined ? {} : { limitUsed: p.basis.limitUsed }),
    ...(p.sinceJobId === undefined ? {} : { sinceJobId: p.sinceJobId }),
    ...(p.declarationDate === undefined ? {} : { declarationDate: p.declarationDate }),
    unemploymentDays: unemploymentDays(timeline, date),
    pendingDays: pendingDays(timeline, date),
  };
}
