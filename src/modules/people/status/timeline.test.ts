/**
 * Employment-status timeline, written from the rule text (rules reference §1.1, §1.2, §11; ANPAL circ. 1/2019).
 * Every boundary is checked on the day before, the day itself and the day after. Each test names its rule.
 * Day counting: the hire day is day 1, so day 180 = hire + 179 days and day 181 = hire + 180 days.
 */
import { describe, expect, it } from 'vitest';
import type { DeclarationEvent, PaySource, StatusEvent } from './events.ts';
import { statusOn, unemploymentDays } from './query.ts';
import { RULES, STATUS_PARAMETERS, type StatusParameters } from './rules.ts';
import { computeTimeline, type TimelineOptions } from './timeline.ts';

const did = (date: string, extra: Partial<DeclarationEvent> = {}): StatusEvent => ({ kind: 'declaration', date, channel: 'job-centre', ...extra });
const revoke = (date: string): StatusEvent => ({ kind: 'revocation', date });
const sanction = (date: string): StatusEvent => ({ kind: 'sanctionLoss', date, reference: 'prot. 2024/123' });
const endJob = (jobId: string, date: string): StatusEvent => ({ kind: 'jobEnd', jobId, date });
function hire(id: string, date: string, o: { end?: string; type?: string; pay?: number; source?: PaySource } = {}): StatusEvent {
  return {
    kind: 'jobStart',
    id,
    date,
    contractType: o.type ?? (o.end ? 'A.02.00' : 'A.01.00'),
    paySource: o.source ?? (o.pay === undefined ? 'none' : 'notice'),
    ...(o.pay === undefined ? {} : { annualPay: o.pay }),
    ...(o.end ? { plannedEnd: o.end } : {}),
  };
}
function extend(jobId: string, date: string, newPlannedEnd: string, annualPay?: number): StatusEvent {
  return { kind: 'jobExtension', jobId, date, newPlannedEnd, ...(annualPay === undefined ? {} : { annualPay }) };
}
function convert(jobId: string, date: string, contractType: string, annualPay?: number): StatusEvent {
  return { kind: 'jobConversion', jobId, date, contractType, ...(annualPay === undefined ? {} : { annualPay }) };
}
function params(overrides: { [K in keyof StatusParameters]?: StatusParameters[K]['value'] }): TimelineOptions {
  const parameters: Partial<Record<keyof StatusParameters, unknown>> = {};
  for (const [key, value] of Object.entries(overrides)) {
    parameters[key as keyof StatusParameters] = { value, source: 'test', confidence: 'U' };
  }
  return { parameters: parameters as Partial<StatusParameters> };
}

/** `${state}/${ruleId}` on each date. */
function expectStates(events: StatusEvent[], expected: Record<string, string>, options?: TimelineOptions) {
  const timeline = computeTimeline(events, options);
  const actual: Record<string, string> = {};
  for (const date of Object.keys(expected)) {
    const s = statusOn(timeline, date);
    actual[date] = `${s.state}/${s.ruleId}`;
  }
  expect(actual).toEqual(expected);
  return timeline;
}

describe('DID_START — art. 19 c.1 D.lgs 150/2015: the state starts on the day of the DID', () => {
  it('day before, day, day after', () => {
    const t = expectStates([did('2024-01-10')], {
      '2024-01-09': 'not-registered/NOT_REGISTERED',
      '2024-01-10': 'unemployed/DID_START',
      '2024-01-11': 'unemployed/DID_START',
    });
    expect(statusOn(t, '2024-01-09')).toMatchObject({ since: null, unemploymentDays: 0 });
    expect(statusOn(t, '2024-01-10')).toMatchObject({ since: '2024-01-10', unemploymentDays: 1, legalBasis: RULES.DID_START.legalBasis });
    expect(unemploymentDays(t, '2024-01-11')).toBe(2);
  });

  it('an INPS benefit application counts as a DID (art. 21 c.1); a second DID keeps the first date (DID_ALREADY_ACTIVE)', () => {
    const t = computeTimeline([did('2024-01-10', { channel: 'inps-benefit' }), did('2024-02-15', { channel: 'national-portal' })]);
    expect(statusOn(t, '2024-02-15')).toMatchObject({ state: 'unemployed', ruleId: 'DID_START', since: '2024-01-10', unemploymentDays: 37 });
    expect(t.decisions.find((d) => d.date === '2024-02-15')).toMatchObject({ changed: false, ruleId: 'DID_ALREADY_ACTIVE' });
  });

  it('with repeatedDeclaration = restart a second DID starts a new episode (DID_ALREADY_ACTIVE parameter)', () => {
    const t = computeTimeline([did('2024-01-10'), did('2024-02-15')], params({ repeatedDeclaration: 'restart' }));
    expect(statusOn(t, '2024-02-15')).toMatchObject({ state: 'unemployed', declarationDate: '2024-02-15', unemploymentDays: 1 });
  });
});

describe('REVOCATION — duration counts up to the day before the revocation (ANPAL circ. 1/2019)', () => {
  it('day before, day, day after', () => {
    const t = expectStates([did('2024-01-10'), revoke('2024-03-01')], {
      '2024-02-29': 'unemployed/DID_START',
      '2024-03-01': 'lost/REVOCATION',
      '2024-03-02': 'lost/REVOCATION',
    });
    expect(unemploymentDays(t, '2024-02-29')).toBe(51);
    expect(unemploymentDays(t, '2024-03-01')).toBe(0);
    expect(statusOn(t, '2024-03-02').since).toBe('2024-03-01');
  });
});

describe('AT_RISK — DID during the notice period (art. 19 c.4), AT_RISK_ENDS when the notice ends', () => {
  const notice = did('2024-03-01', { atRiskUntil: '2024-03-31' });

  it('at risk from the DID to the last day of notice, unemployed from the day after, without a new DID', () => {
    const t = expectStates([notice], {
      '2024-02-29': 'not-registered/NOT_REGISTERED',
      '2024-03-01': 'at-risk/AT_RISK',
      '2024-03-30': 'at-risk/AT_RISK',
      '2024-03-31': 'at-risk/AT_RISK',
      '2024-04-01': 'unemployed/AT_RISK_ENDS',
      '2024-04-02': 'unemployed/AT_RISK_ENDS',
    });
    expect(unemploymentDays(t, '2024-03-31')).toBe(31);
    expect(unemploymentDays(t, '2024-04-01')).toBe(32);
    expect(statusOn(t, '2024-04-01').since).toBe('2024-04-01');
  });

  it('the job being ended during the notice is not evaluated; its termination ends the notice', () => {
    const old = hire('old', '2019-06-01', { pay: 25000 });
    expectStates([old, notice, endJob('old', '2024-03-31')], {
      '2024-03-01': 'at-risk/AT_RISK',
      '2024-03-31': 'at-risk/AT_RISK',
      '2024-04-01': 'unemployed/AT_RISK_ENDS',
    });
  });

  it('EMPLOYED_AT_DECLARATION: the old job still running after the notice, above the limit → pending until its termination', () => {
    const old = hire('old', '2019-06-01', { pay: 25000 });
    expectStates([old, notice], { '2024-03-31': 'at-risk/AT_RISK', '2024-04-01': 'pending/EMPLOYED_AT_DECLARATION' });
    expectStates([old, notice, endJob('old', '2024-04-19')], {
      '2024-04-19': 'pending/EMPLOYED_AT_DECLARATION',
      '2024-04-20': 'unemployed/TERMINATION_RESUMES',
    });
  });

  it('KEEP_BELOW_LIMIT: a worker already in a job within the limit can give a DID and counts as unemployed (circ. 1/2019)', () => {
    const t = expectStates([hire('small', '2023-01-01', { pay: 6000 }), did('2024-02-01')], {
      '2024-01-31': 'not-registered/NOT_REGISTERED',
      '2024-02-01': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-02-02': 'employed-keeping/KEEP_BELOW_LIMIT',
    });
    expect(unemploymentDays(t, '2024-02-10')).toBe(10);
  });
});

describe('SUSPEND_UP_TO_180 and TERMINATION_RESUMES — short hire above the limit (art. 19 c.3; circ. 1/2019)', () => {
  const events = [did('2024-01-10'), hire('j1', '2024-02-01', { end: '2024-04-30', pay: 12000 })];

  it('suspended from the hire date; unemployed again the day after the planned end, with no new DID', () => {
    const t = expectStates(events, {
      '2024-01-31': 'unemployed/DID_START',
      '2024-02-01': 'suspended/SUSPEND_UP_TO_180',
      '2024-02-02': 'suspended/SUSPEND_UP_TO_180',
      '2024-04-29': 'suspended/SUSPEND_UP_TO_180',
      '2024-04-30': 'suspended/SUSPEND_UP_TO_180',
      '2024-05-01': 'unemployed/TERMINATION_RESUMES',
      '2024-05-02': 'unemployed/TERMINATION_RESUMES',
    });
    const s = statusOn(t, '2024-02-01');
    expect(s).toMatchObject({ paySource: 'notice', sinceJobId: 'j1', since: '2024-02-01' });
    expect(s.limitUsed).toMatchObject({ employee: 8500, from: '2024-01-01' });
    expect(statusOn(t, '2024-05-01').declarationDate).toBe('2024-01-10');
  });

  it('unemployment days exclude the suspension, hire day and last day included (circ. 1/2019; §1.1)', () => {
    const t = computeTimeline(events);
    expect(unemploymentDays(t, '2024-01-31')).toBe(22);
    expect(unemploymentDays(t, '2024-02-01')).toBe(22);
    expect(unemploymentDays(t, '2024-04-30')).toBe(22);
    expect(unemploymentDays(t, '2024-05-01')).toBe(23);
    expect(unemploymentDays(t, '2024-05-02')).toBe(24);
  });

  it('an early termination notice ends the suspension the day after the last day worked', () => {
    expectStates([...events, endJob('j1', '2024-03-15')], {
      '2024-03-15': 'suspended/SUSPEND_UP_TO_180',
      '2024-03-16': 'unemployed/TERMINATION_RESUMES',
    });
  });

  it('a one-day job suspends that day only', () => {
    expectStates([did('2024-01-10'), hire('day', '2024-03-05', { pay: 20000 }), endJob('day', '2024-03-05')], {
      '2024-03-04': 'unemployed/DID_START',
      '2024-03-05': 'suspended/SUSPEND_UP_TO_180',
      '2024-03-06': 'unemployed/TERMINATION_RESUMES',
    });
  });

  it('a hire on the day of the DID is evaluated as a new job, not as employment at the declaration', () => {
    expectStates([did('2024-03-01'), hire('same', '2024-03-01', { pay: 20000, end: '2024-03-31' })], {
      '2024-03-01': 'suspended/SUSPEND_UP_TO_180',
      '2024-04-01': 'unemployed/TERMINATION_RESUMES',
    });
  });
});

describe('KEEP_BELOW_LIMIT — prospective annual pay at or below the limit keeps the state (art. 4 c.15-quater DL 4/2019)', () => {
  it('8,500.00 € in 2024 is within the limit; 8,500.01 € is above', () => {
    const base = [did('2024-01-10')];
    const t = expectStates([...base, hire('k', '2024-03-01', { end: '2024-12-31', pay: 8500 })], {
      '2024-02-29': 'unemployed/DID_START',
      '2024-03-01': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-03-02': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-08-28': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-12-31': 'employed-keeping/KEEP_BELOW_LIMIT',
    });
    expect(unemploymentDays(t, '2024-03-01')).toBe(52);
    expectStates([...base, hire('k', '2024-03-01', { end: '2024-12-31', pay: 8500.01 })], { '2024-03-01': 'suspended/SUSPEND_UP_TO_180' });
  });

  it('intermittent (A.05.02) within the limit is kept for the whole contract, past day 180 (circ. 1/2019)', () => {
    expectStates([did('2024-01-10'), hire('int', '2024-03-01', { type: 'A.05.02', pay: 6000 })], {
      '2024-08-27': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-08-28': 'employed-keeping/KEEP_BELOW_LIMIT',
    });
  });

  it('concurrent jobs: prospective pay is summed (5,000 + 4,000 > 8,500 suspends; back to kept when one ends)', () => {
    const t = expectStates(
      [did('2024-01-10'), hire('a', '2024-02-01', { end: '2024-06-30', pay: 5000 }), hire('b', '2024-03-01', { end: '2024-03-31', pay: 4000 })],
      {
        '2024-02-29': 'employed-keeping/KEEP_BELOW_LIMIT',
        '2024-03-01': 'suspended/SUSPEND_UP_TO_180',
        '2024-03-31': 'suspended/SUSPEND_UP_TO_180',
        '2024-04-01': 'employed-keeping/KEEP_BELOW_LIMIT',
        '2024-07-01': 'unemployed/TERMINATION_RESUMES',
      },
    );
    expect(statusOn(t, '2024-03-01').basis.pay).toBe(9000);
    expect(statusOn(t, '2024-03-01').sinceJobId).toBe('b');
  });

  it('LOST_AFTER_180_ABOVE_LIMIT with concurrent jobs: a job running over 180 days plus a new one above the limit together', () => {
    expectStates([did('2024-01-10'), hire('a', '2024-02-01', { pay: 5000 }), hire('b', '2024-09-01', { end: '2024-09-30', pay: 4000 })], {
      '2024-08-31': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-09-01': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
    });
  });
});

describe('LOST_AFTER_180_ABOVE_LIMIT — still running on day 181 with pay above the limit (ANPAL circ. 1/2019)', () => {
  const base = did('2024-01-10');

  it('open-ended hire 2024-03-01: suspended through day 180 (2024-08-27), lost on day 181 (2024-08-28)', () => {
    const t = expectStates([base, hire('oe', '2024-03-01', { pay: 20000 })], {
      '2024-02-29': 'unemployed/DID_START',
      '2024-03-01': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-26': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-27': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-28': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
      '2024-08-29': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
    });
    const loss = t.decisions.find((d) => d.date === '2024-08-28');
    expect(loss?.causes).toContainEqual({ kind: 'suspension-limit-reached', jobId: 'oe' });
    expect(statusOn(t, '2024-08-29')).toMatchObject({ since: '2024-08-28', sinceJobId: 'oe', unemploymentDays: 0 });
  });

  it('apprenticeship (A.03.09) is subordinate work: same rule', () => {
    expectStates([base, hire('app', '2024-03-01', { type: 'A.03.09', pay: 15000 })], {
      '2024-08-27': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-28': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
    });
  });

  it('a fixed-term contract of exactly 180 days ends suspended; one of 181 days is lost on its last day', () => {
    expectStates([base, hire('f180', '2024-03-01', { end: '2024-08-27', pay: 20000 })], {
      '2024-08-27': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-28': 'unemployed/TERMINATION_RESUMES',
    });
    expectStates([base, hire('f181', '2024-03-01', { end: '2024-08-28', pay: 20000 })], {
      '2024-08-27': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-28': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
      '2024-08-29': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
    });
  });

  it('leap year: Feb 29 inside the window moves day 181 one calendar day earlier than in 2023', () => {
    expectStates([did('2024-01-02'), hire('l', '2024-01-15', { pay: 20000 })], {
      '2024-07-11': 'suspended/SUSPEND_UP_TO_180',
      '2024-07-12': 'suspended/SUSPEND_UP_TO_180',
      '2024-07-13': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
    });
    expectStates([did('2023-01-02'), hire('n', '2023-01-15', { pay: 20000 })], {
      '2023-07-13': 'suspended/SUSPEND_UP_TO_180',
      '2023-07-14': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
    });
  });

  it('DST change weeks: no shift (hire 2023-03-20, DST starts 2023-03-26 → day 181 is 2023-09-16)', () => {
    expectStates([did('2023-03-01'), hire('d', '2023-03-20', { pay: 20000 })], {
      '2023-03-19': 'unemployed/DID_START',
      '2023-03-20': 'suspended/SUSPEND_UP_TO_180',
      '2023-03-26': 'suspended/SUSPEND_UP_TO_180',
      '2023-03-27': 'suspended/SUSPEND_UP_TO_180',
      '2023-09-15': 'suspended/SUSPEND_UP_TO_180',
      '2023-09-16': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
    });
    const t = expectStates([did('2023-10-02'), hire('w', '2023-10-23', { end: '2023-11-05', pay: 15000 })], {
      '2023-10-28': 'suspended/SUSPEND_UP_TO_180',
      '2023-10-29': 'suspended/SUSPEND_UP_TO_180',
      '2023-11-05': 'suspended/SUSPEND_UP_TO_180',
      '2023-11-06': 'unemployed/TERMINATION_RESUMES',
    });
    expect(unemploymentDays(t, '2023-11-06')).toBe(22);
    expect(unemploymentDays(computeTimeline([did('2024-03-25')]), '2024-04-05')).toBe(12);
  });

  it('PAY_MISSING: without any pay the automatic suspension applies, then the decision on day 181 waits', () => {
    const t = expectStates([base, hire('np', '2024-03-01')], {
      '2024-02-29': 'unemployed/DID_START',
      '2024-03-01': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-27': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-28': 'pending/PAY_MISSING',
    });
    expect(statusOn(t, '2024-03-01').paySource).toBe('none');
    expect(statusOn(t, '2024-08-28')).toMatchObject({ unemploymentDays: 51, pendingDays: 1 });
    expectStates([base, hire('np', '2024-03-01')], { '2024-03-01': 'pending/PAY_MISSING' }, params({ missingPay: 'pending' }));
  });

  it('declared pay is used when the notice has none, and the decision says so', () => {
    const t = computeTimeline([base, hire('dp', '2024-03-01', { pay: 12000, source: 'declared' })]);
    expect(statusOn(t, '2024-03-01')).toMatchObject({ state: 'suspended', paySource: 'declared' });
    expect(t.decisions.find((d) => d.date === '2024-03-01')?.message).toMatch(/dichiarata/);
  });
});

describe('LOST_LONG_CONTRACT_ABOVE_LIMIT — planned duration over 180 days (longContract parameter)', () => {
  const base = did('2024-01-10');

  it('default (ANPAL circ. 1/2019): a planned 181-day contract is suspended from the hire, not lost', () => {
    expectStates([base, hire('p', '2024-03-01', { end: '2024-08-28', pay: 20000 })], { '2024-03-01': 'suspended/SUSPEND_UP_TO_180' });
  });

  it("'lose-from-start' (literal art. 19 c.3): planned 181 days or open-ended → lost from the hire; 180 days → suspended", () => {
    const lose = params({ longContract: 'lose-from-start' });
    expectStates(
      [base, hire('p', '2024-03-01', { end: '2024-08-28', pay: 20000 })],
      { '2024-02-29': 'unemployed/DID_START', '2024-03-01': 'lost/LOST_LONG_CONTRACT_ABOVE_LIMIT' },
      lose,
    );
    expectStates([base, hire('oe', '2024-03-01', { pay: 20000 })], { '2024-03-01': 'lost/LOST_LONG_CONTRACT_ABOVE_LIMIT' }, lose);
    expectStates(
      [base, hire('s', '2024-03-01', { end: '2024-08-27', pay: 20000 })],
      { '2024-03-01': 'suspended/SUSPEND_UP_TO_180', '2024-08-28': 'unemployed/TERMINATION_RESUMES' },
      lose,
    );
    expectStates([base, hire('k', '2024-03-01', { pay: 8000 })], { '2024-03-01': 'employed-keeping/KEEP_BELOW_LIMIT' }, lose);
  });
});

describe('EXTENSION_REEVALUATES — an extension recomputes duration and pay (§11 PRO)', () => {
  const base = [did('2024-02-01'), hire('x', '2024-03-01', { end: '2024-05-31', pay: 12000 })];

  it('extension past day 180 above the limit → lost on day 181 (2024-08-28)', () => {
    const t = expectStates([...base, extend('x', '2024-05-20', '2024-10-31')], {
      '2024-05-31': 'suspended/SUSPEND_UP_TO_180',
      '2024-06-01': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-27': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-28': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
    });
    expect(t.decisions.find((d) => d.date === '2024-05-20')).toMatchObject({ changed: false, state: 'suspended', triggerRuleId: 'EXTENSION_REEVALUATES' });
  });

  it('extension ending on day 180 → unemployed again on day 181', () => {
    expectStates([...base, extend('x', '2024-05-20', '2024-08-27')], {
      '2024-08-27': 'suspended/SUSPEND_UP_TO_180',
      '2024-08-28': 'unemployed/TERMINATION_RESUMES',
    });
  });

  it('extension with pay within the limit → kept from the extension date', () => {
    const t = expectStates([...base, extend('x', '2024-05-20', '2024-10-31', 8000)], {
      '2024-05-19': 'suspended/SUSPEND_UP_TO_180',
      '2024-05-20': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-08-28': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-11-01': 'unemployed/TERMINATION_RESUMES',
    });
    expect(t.decisions.find((d) => d.date === '2024-05-20')?.triggerRuleId).toBe('EXTENSION_REEVALUATES');
  });

  it("'lose-from-start': the extension that makes the planned duration exceed 180 days loses the state on its date", () => {
    const t = expectStates(
      [...base, extend('x', '2024-05-20', '2024-10-31')],
      {
        '2024-05-19': 'suspended/SUSPEND_UP_TO_180',
        '2024-05-20': 'lost/LOST_LONG_CONTRACT_ABOVE_LIMIT',
        '2024-05-21': 'lost/LOST_LONG_CONTRACT_ABOVE_LIMIT',
      },
      params({ longContract: 'lose-from-start' }),
    );
    expect(t.decisions.find((d) => d.date === '2024-05-20')?.triggerRuleId).toBe('EXTENSION_REEVALUATES');
  });
});

describe('CONVERSION_REEVALUATES — a conversion re-evaluates (§11 TRA)', () => {
  const did0 = did('2024-02-01');

  it('fixed-term above the limit converted to open-ended → lost from the conversion date', () => {
    expectStates([did0, hire('c', '2024-03-01', { end: '2024-06-30', pay: 12000 }), convert('c', '2024-04-15', 'A.01.00')], {
      '2024-04-14': 'suspended/SUSPEND_UP_TO_180',
      '2024-04-15': 'lost/CONVERSION_REEVALUATES',
      '2024-04-16': 'lost/CONVERSION_REEVALUATES',
    });
  });

  it('conversion to open-ended within the limit → still kept, and no planned end any more', () => {
    const t = expectStates([did0, hire('c', '2024-03-01', { end: '2024-06-30', pay: 8000 }), convert('c', '2024-04-15', 'A.01.00', 8400)], {
      '2024-04-14': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-04-15': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-04-16': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-07-01': 'employed-keeping/KEEP_BELOW_LIMIT',
    });
    expect(t.decisions.find((d) => d.date === '2024-04-15')).toMatchObject({ changed: false, triggerRuleId: 'CONVERSION_REEVALUATES' });
    expect(statusOn(t, '2024-04-15').basis.pay).toBe(8400);
  });

  it('conversion raising the pay above the limit → lost; lowering it below → kept', () => {
    expectStates([did0, hire('c', '2024-03-01', { end: '2024-06-30', pay: 8000 }), convert('c', '2024-04-15', 'A.01.00', 9000)], {
      '2024-04-14': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-04-15': 'lost/CONVERSION_REEVALUATES',
    });
    expectStates([did0, hire('c', '2024-03-01', { end: '2024-06-30', pay: 12000 }), convert('c', '2024-04-15', 'A.01.00', 8000)], {
      '2024-04-14': 'suspended/SUSPEND_UP_TO_180',
      '2024-04-15': 'employed-keeping/KEEP_BELOW_LIMIT',
    });
  });

  it("'follow-suspension-clock': the conversion keeps the suspension; lost on day 181 of the job", () => {
    expectStates(
      [did0, hire('c', '2024-03-01', { end: '2024-06-30', pay: 12000 }), convert('c', '2024-04-15', 'A.01.00')],
      {
        '2024-04-15': 'suspended/SUSPEND_UP_TO_180',
        '2024-08-27': 'suspended/SUSPEND_UP_TO_180',
        '2024-08-28': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
      },
      params({ conversionToOpenEnded: 'follow-suspension-clock' }),
    );
  });
});

describe('TRAINEESHIP_KEEPS — traineeships (C.01.00, C.02.00) and public-utility work (LPU) are not jobs (circ. 1/2019)', () => {
  for (const type of ['C.01.00', 'C.02.00', 'LPU']) {
    it(`${type}: state unchanged, days still counted`, () => {
      const t = expectStates([did('2024-01-10'), hire('t', '2024-03-01', { type, end: '2024-08-31', pay: 7200, source: 'declared' })], {
        '2024-02-29': 'unemployed/DID_START',
        '2024-03-01': 'unemployed/TRAINEESHIP_KEEPS',
        '2024-08-28': 'unemployed/TRAINEESHIP_KEEPS',
        '2024-08-31': 'unemployed/TRAINEESHIP_KEEPS',
        '2024-09-01': 'unemployed/DID_START',
      });
      expect(statusOn(t, '2024-08-31')).toMatchObject({ since: '2024-01-10', unemploymentDays: 235 });
    });
  }

  it('a traineeship alongside a job above the limit does not prevent the suspension', () => {
    expectStates(
      [did('2024-01-10'), hire('t', '2024-03-01', { type: 'C.01.00', end: '2024-08-31' }), hire('j', '2024-04-01', { end: '2024-04-30', pay: 20000 })],
      {
        '2024-04-01': 'suspended/SUSPEND_UP_TO_180',
        '2024-05-01': 'unemployed/TRAINEESHIP_KEEPS',
      },
    );
  });
});

describe('Income-limit year boundaries (incomeLimits.ts; limitDate parameter)', () => {
  const base = did('2021-11-02');

  it('8,150 €: above 8,145 (2021) but within 8,173.91 (2022) — hire on 2021-12-30, 2021-12-31, 2022-01-01', () => {
    expectStates([base, hire('y', '2021-12-30', { end: '2022-03-31', pay: 8150 })], { '2021-12-30': 'suspended/SUSPEND_UP_TO_180' });
    const t = expectStates([base, hire('y', '2021-12-31', { end: '2022-03-31', pay: 8150 })], {
      '2021-12-30': 'unemployed/DID_START',
      '2021-12-31': 'suspended/SUSPEND_UP_TO_180',
      '2022-01-01': 'employed-keeping/KEEP_BELOW_LIMIT',
    });
    expect(statusOn(t, '2021-12-31').limitUsed?.employee).toBe(8145);
    expect(statusOn(t, '2022-01-01').limitUsed?.employee).toBe(8173.91);
    expect(t.decisions.find((d) => d.date === '2022-01-01')?.causes).toContainEqual({ kind: 'income-limit-changed' });
    expectStates([base, hire('y', '2022-01-01', { end: '2022-03-31', pay: 8150 })], {
      '2021-12-31': 'unemployed/DID_START',
      '2022-01-01': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2022-01-02': 'employed-keeping/KEEP_BELOW_LIMIT',
    });
  });

  it('KEEP_BELOW_LIMIT across a limit change: a new period with the new limit, but `since` stays on the first kept day', () => {
    const t = expectStates([did('2023-10-02'), hire('k', '2023-11-01', { pay: 8000 })], {
      '2023-12-31': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-01-01': 'employed-keeping/KEEP_BELOW_LIMIT',
    });
    expect(statusOn(t, '2023-12-31').limitUsed?.employee).toBe(8173.91);
    expect(statusOn(t, '2024-01-01')).toMatchObject({ since: '2023-11-01', limitUsed: { employee: 8500 } });
    expect(t.decisions.find((d) => d.date === '2024-01-01')).toMatchObject({ changed: false, causes: [{ kind: 'income-limit-changed' }] });
  });

  it("limitDate = 'last-job-event': the limit of the hire date stays until the job's next event", () => {
    expectStates(
      [base, hire('y', '2021-12-31', { end: '2022-03-31', pay: 8150 })],
      { '2021-12-31': 'suspended/SUSPEND_UP_TO_180', '2022-01-01': 'suspended/SUSPEND_UP_TO_180' },
      params({ limitDate: 'last-job-event' }),
    );
  });

  it('INCOME_LIMIT_MISSING: a hire in 2025 waits; the year is reported for the administrators', () => {
    const t = expectStates([did('2024-11-04'), hire('z', '2025-01-10', { end: '2025-03-31', pay: 9000 })], {
      '2025-01-09': 'unemployed/DID_START',
      '2025-01-10': 'pending/INCOME_LIMIT_MISSING',
      '2025-01-11': 'pending/INCOME_LIMIT_MISSING',
      '2025-04-01': 'unemployed/TERMINATION_RESUMES',
    });
    expect(t.missingIncomeLimitYears).toEqual([2025]);
    expect(t.decisions.find((d) => d.date === '2025-01-10')?.message).toMatch(/limite di reddito non configurato per l'anno 2025/);
    expect(statusOn(t, '2025-01-10').basis.detail).toMatch(/anno 2025/);
  });

  it('INCOME_LIMIT_MISSING: a job kept in 2024 still running on 2025-01-01 waits from that day', () => {
    const t = expectStates([did('2024-11-04'), hire('k', '2024-12-01', { pay: 6000 })], {
      '2024-12-31': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2025-01-01': 'pending/INCOME_LIMIT_MISSING',
    });
    expect(t.missingIncomeLimitYears).toEqual([2025]);
  });

  it('INCOME_LIMIT_MISSING: a configured 2025 row resolves the wait', () => {
    const incomeLimits = [
      { from: '2024-01-01', to: '2024-12-31', employee: 8500, selfEmployed: 5500, source: 'x', confidence: 'V' as const },
      { from: '2025-01-01', to: '2025-12-31', employee: 8600, selfEmployed: 5600, source: 'test row', confidence: 'U' as const },
    ];
    const t = computeTimeline([did('2024-11-04'), hire('z', '2025-01-10', { end: '2025-03-31', pay: 8550 })], { incomeLimits });
    expect(statusOn(t, '2025-01-10')).toMatchObject({ state: 'employed-keeping', ruleId: 'KEEP_BELOW_LIMIT' });
    expect(t.missingIncomeLimitYears).toEqual([]);
  });
});

describe('Leap-year and DST day counts of unemployment (§1.1: from the DID, excluding suspensions)', () => {
  it('Feb 29 is a day like any other', () => {
    expect(unemploymentDays(computeTimeline([did('2024-02-01')]), '2024-03-01')).toBe(30);
    expect(unemploymentDays(computeTimeline([did('2023-02-01')]), '2023-03-01')).toBe(29);
  });
});

describe('After a loss a new DID starts a new unemployment period (DID_START; §11 CES)', () => {
  const lostByJob = [did('2024-01-10'), hire('oe', '2024-03-01', { pay: 20000 })];

  it('new DID after the job ends: a new episode counted from the new DID', () => {
    const t = expectStates([...lostByJob, endJob('oe', '2024-09-30'), did('2024-10-07')], {
      '2024-09-30': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
      '2024-10-01': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
      '2024-10-06': 'lost/LOST_AFTER_180_ABOVE_LIMIT',
      '2024-10-07': 'unemployed/DID_START',
      '2024-10-08': 'unemployed/DID_START',
    });
    expect(statusOn(t, '2024-10-07')).toMatchObject({ declarationDate: '2024-10-07', since: '2024-10-07', unemploymentDays: 1 });
  });

  it('EMPLOYED_AT_DECLARATION: a new DID while the job above the limit still runs waits for its termination', () => {
    expectStates([...lostByJob, did('2024-10-07')], { '2024-10-07': 'pending/EMPLOYED_AT_DECLARATION' });
  });
});

describe('SANCTION_LOSS — decadenza (art. 21 c.7 D.lgs 150/2015)', () => {
  const events = [did('2024-01-10'), sanction('2024-05-10')];

  it('day before, day, day after', () => {
    const t = expectStates(events, {
      '2024-05-09': 'unemployed/DID_START',
      '2024-05-10': 'lost/SANCTION_LOSS',
      '2024-05-11': 'lost/SANCTION_LOSS',
    });
    expect(statusOn(t, '2024-05-10').basis.detail).toMatch(/2024\/123/);
  });

  it('REREGISTRATION_BAN (art. 21 c.10, [U], off by default): when enabled a DID within 2 months is not effective', () => {
    expectStates([...events, did('2024-06-01')], { '2024-06-01': 'unemployed/DID_START' });
    const ban = params({ reRegistrationBan: { enabled: true, months: 2 } });
    const t = expectStates([...events, did('2024-06-01')], { '2024-06-01': 'lost/SANCTION_LOSS' }, ban);
    expect(t.decisions.find((d) => d.date === '2024-06-01')).toMatchObject({ changed: false, ruleId: 'REREGISTRATION_BAN' });
    expectStates([...events, did('2024-07-09')], { '2024-07-09': 'lost/SANCTION_LOSS' }, ban);
    expectStates([...events, did('2024-07-10')], { '2024-07-10': 'unemployed/DID_START' }, ban);
  });
});

describe('CONTRACT_TYPE_UNCLASSIFIED — a contract type with no configured effect waits for an operator', () => {
  it('co.co.co. (B.01.00)', () => {
    expectStates([did('2024-01-10'), hire('co', '2024-03-01', { type: 'B.01.00', end: '2024-04-30', pay: 3000 })], {
      '2024-02-29': 'unemployed/DID_START',
      '2024-03-01': 'pending/CONTRACT_TYPE_UNCLASSIFIED',
      '2024-05-01': 'unemployed/TERMINATION_RESUMES',
    });
  });
});

describe('Order independence and same-day ordering (documented in timeline.ts)', () => {
  const scenario: StatusEvent[] = [
    did('2024-01-10'),
    hire('a', '2024-02-01', { end: '2024-03-31', pay: 12000 }),
    extend('a', '2024-03-25', '2024-04-30'),
    hire('b', '2024-04-15', { pay: 4000 }),
    convert('b', '2024-06-01', 'A.01.00', 8000),
    hire('t', '2024-05-01', { type: 'C.01.00', end: '2024-10-31' }),
    endJob('b', '2024-07-31'),
    revoke('2024-09-01'),
    did('2024-09-01', { channel: 'inps-benefit', atRiskUntil: '2024-09-15' }),
    hire('c', '2024-10-01', { end: '2024-12-31', pay: 30000 }),
    sanction('2024-12-01'),
    did('2024-12-20'),
  ];

  it('any permutation of the events gives the same timeline', () => {
    const reference = computeTimeline(scenario);
    const reversed = computeTimeline([...scenario].reverse());
    const rotated = computeTimeline([...scenario.slice(5), ...scenario.slice(0, 5)]);
    const interleaved = computeTimeline(scenario.filter((_, i) => i % 2 === 1).concat(scenario.filter((_, i) => i % 2 === 0)));
    expect(reversed).toEqual(reference);
    expect(rotated).toEqual(reference);
    expect(interleaved).toEqual(reference);
    expect(reference.warnings).toEqual([]);
  });

  it('twenty seeded random shuffles give the same timeline', () => {
    const reference = computeTimeline(scenario);
    let seed = 20240229;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 20; n++) {
      const shuffled = [...scenario];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const k = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[k]] = [shuffled[k]!, shuffled[i]!];
      }
      expect(computeTimeline(shuffled)).toEqual(reference);
    }
  });

  it('revocation and a new DID on the same day: closers first, so the new DID opens a new episode that day', () => {
    const t = expectStates([did('2024-01-10'), did('2024-03-01'), revoke('2024-03-01')], {
      '2024-02-29': 'unemployed/DID_START',
      '2024-03-01': 'unemployed/DID_START',
    });
    expect(statusOn(t, '2024-02-29').declarationDate).toBe('2024-01-10');
    expect(statusOn(t, '2024-03-01')).toMatchObject({ declarationDate: '2024-03-01', unemploymentDays: 1 });
    expect(t.decisions.filter((d) => d.date === '2024-03-01').map((d) => d.ruleId)).toEqual(['REVOCATION', 'DID_START']);
  });

  it('the scenario itself reads as the rules say', () => {
    expectStates(scenario, {
      '2024-01-31': 'unemployed/DID_START',
      '2024-02-01': 'suspended/SUSPEND_UP_TO_180',
      '2024-04-30': 'suspended/SUSPEND_UP_TO_180',
      '2024-05-01': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-06-01': 'employed-keeping/KEEP_BELOW_LIMIT',
      '2024-08-01': 'unemployed/TRAINEESHIP_KEEPS', // b ended; the traineeship t runs to 2024-10-31
      '2024-09-01': 'at-risk/AT_RISK', // t started before this DID: not evaluated during the notice
      '2024-09-16': 'unemployed/TRAINEESHIP_KEEPS',
      '2024-10-01': 'suspended/SUSPEND_UP_TO_180',
      '2024-11-01': 'suspended/SUSPEND_UP_TO_180',
      '2024-12-01': 'lost/SANCTION_LOSS',
      '2024-12-20': 'pending/EMPLOYED_AT_DECLARATION', // c (30,000 €) still running at the new DID
      '2025-01-01': 'unemployed/TERMINATION_RESUMES',
    });
  });
});

describe('Rule catalogue (rules.ts)', () => {
  it('every rule has an Italian title and a legal basis; every [U] rule depends on a parameter with a source', () => {
    for (const rule of Object.values(RULES)) {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.legalBasis.length).toBeGreaterThan(5);
      if (rule.confidence === 'U') expect(rule.parameters?.length ?? 0).toBeGreaterThan(0);
      for (const p of rule.parameters ?? []) expect(STATUS_PARAMETERS[p].source.length).toBeGreaterThan(10);
    }
    expect(STATUS_PARAMETERS.maxSuspensionDays.value).toBe(180);
  });

  it('every decision and period names a catalogued rule and carries its legal basis', () => {
    const t = computeTimeline([
      did('2024-01-10', { atRiskUntil: '2024-01-20' }),
      hire('a', '2024-02-01', { end: '2024-03-31', pay: 12000 }),
      extend('a', '2024-03-25', '2024-09-30'),
      hire('z', '2025-01-10', { pay: 9000 }),
    ]);
    for (const d of t.decisions) {
      expect(RULES[d.ruleId as keyof typeof RULES]).toBeDefined();
      if (d.triggerRuleId) expect(RULES[d.triggerRuleId as keyof typeof RULES]).toBeDefined();
      expect(d.basis.legalBasis).toBe(RULES[d.ruleId as keyof typeof RULES].legalBasis);
    }
    for (const p of t.periods) expect(p.basis.legalBasis).toBe(RULES[p.ruleId as keyof typeof RULES].legalBasis);
  });
});

describe('Input checks', () => {
  it('malformed dates are refused', () => {
    expect(() => computeTimeline([did('2024-02-30')])).toThrow(/Data non valida/);
  });
  it('events for unknown jobs and impossible sequences are reported as warnings, not guessed', () => {
    const t = computeTimeline([did('2024-01-10'), endJob('ghost', '2024-02-01'), revoke('2023-01-01')]);
    expect(t.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/revoca senza DID/i), expect.stringMatching(/ghost/)]);
    expect(statusOn(t, '2024-02-02').state).toBe('unemployed');
  });
});
