/**
 * Employment-status timeline: events → periods and decisions, each naming the rule that decided it (rules.ts).
 *
 * Order: events are sorted here, so the result does not depend on the order notices arrived in. Same-day order is
 * fixed: sanctionLoss, revocation (closers), declaration (opener), then job events (jobStart, jobConversion,
 * jobExtension, jobEnd); ties by the event's content. So a revocation and a new DID on the same day leave a new
 * episode starting that day, and on a day with both a conversion and an extension the extension's pay prevails.
 * Only registration events depend on that order: the job rules read the facts of the whole day (evaluate.ts).
 *
 * Days: calendar days in Europe/Rome. A job's start day and last day are both working days (suspended when the job
 * suspends); the state changes again on the day after its last day. The hire day is day 1 of the suspension clock.
 * The walk visits only the days on which something can change (event days, the day after a job's end or a notice
 * period, day 181 of each job, income-limit boundaries); in between the state is constant.
 * Periods after the last known fact are projections from planned end dates.
 *
 * Loss is sticky: after 'lost' only a new declaration opens a new episode (new unemployment period).
 */
import { isCalendarDate } from '../../../platform/dates.ts';
import { addDays, addMonths } from './days.ts';
import { baseVerdict, evaluateDay, type Registration, type Verdict, verdict } from './evaluate.ts';
import type { Cause, Decision, EmploymentState, IncomeLimitRow, Period, StatusEvent, Timeline, TimelineWarning } from './events.ts';
import { INCOME_LIMITS, limitBoundaries } from './incomeLimits.ts';
import { buildJobs, firstDayAfterSuspension, isRunning, type JobFacts } from './jobs.ts';
import { RULES, type RuleId, resolveParameters, type StatusParameters } from './rules.ts';

export interface TimelineOptions {
  /** Overrides of STATUS_PARAMETERS; each override carries its own source. */
  parameters?: Partial<StatusParameters>;
  /** Income-limit table; defaults to INCOME_LIMITS. */
  incomeLimits?: readonly IncomeLimitRow[];
}

const KIND_ORDER: Record<StatusEvent['kind'], number> = {
  sanctionLoss: 0,
  revocation: 1,
  declaration: 2,
  jobStart: 3,
  jobConversion: 4,
  jobExtension: 5,
  jobEnd: 6,
};

const JOB_STATES: ReadonlySet<EmploymentState> = new Set(['suspended', 'employed-keeping', 'pending']);

function canonical(e: StatusEvent): string {
  return JSON.stringify(e, Object.keys(e).sort());
}

export function sortEvents(events: readonly StatusEvent[]): StatusEvent[] {
  return events
    .map((e) => ({ e, key: canonical(e) }))
    .sort((a, b) => {
      if (a.e.date !== b.e.date) return a.e.date < b.e.date ? -1 : 1;
      if (a.e.kind !== b.e.kind) return KIND_ORDER[a.e.kind] - KIND_ORDER[b.e.kind];
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    })
    .map((x) => x.e);
}

function validate(e: StatusEvent): void {
  const dates: (string | undefined)[] = [e.date];
  if (e.kind === 'declaration') dates.push(e.atRiskUntil);
  if (e.kind === 'jobStart') dates.push(e.plannedEnd);
  if (e.kind === 'jobExtension') dates.push(e.newPlannedEnd);
  for (const d of dates) if (d !== undefined && !isCalendarDate(d)) throw new Error(`Data non valida: ${d} (${e.kind})`);
  if ('annualPay' in e && e.annualPay !== undefined && !(Number.isFinite(e.annualPay) && e.annualPay >= 0)) {
    throw new Error(`Retribuzione non valida: ${e.annualPay} (${e.kind})`);
  }
}

function message(ruleId: RuleId, detail?: string): string {
  return detail ? `${RULES[ruleId].title} — ${detail}` : RULES[ruleId].title;
}

export function computeTimeline(events: readonly StatusEvent[], options: TimelineOptions = {}): Timeline {
  for (const e of events) validate(e);
  const params = resolveParameters(options.parameters);
  const limits = options.incomeLimits ?? INCOME_LIMITS;
  const warnings: TimelineWarning[] = [];
  const sorted = sortEvents(events);
  const jobs = buildJobs(sorted, params, warnings);

  const byDate = new Map<string, StatusEvent[]>();
  for (const e of sorted) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  const boundaries = new Set(limitBoundaries(limits));
  const days = new Set<string>([...byDate.keys(), ...boundaries]);
  for (const e of sorted) if (e.kind === 'declaration' && e.atRiskUntil !== undefined) days.add(addDays(e.atRiskUntil, 1));
  for (const j of jobs) {
    days.add(j.start);
    days.add(firstDayAfterSuspension(j, params));
    if (j.end !== undefined) days.add(addDays(j.end, 1));
  }
  const firstDeclaration = sorted.find((e) => e.kind === 'declaration')?.date;
  const checkpoints = [...days].filter((d) => byDate.has(d) || (firstDeclaration !== undefined && d >= firstDeclaration)).sort();

  const periods: Period[] = [];
  const decisions: Decision[] = [];
  const missingYears = new Set<number>();
  let reg: Registration | null = null;
  let episodes = 0;
  let banUntil: string | undefined;

  const causesOn = (day: string, todays: readonly StatusEvent[], atRiskUntil?: string): Cause[] => [
    ...todays.map((event): Cause => ({ kind: 'event', event })),
    ...jobs
      .filter((j) => isRunning(j, day) && firstDayAfterSuspension(j, params) === day)
      .map((j): Cause => ({ kind: 'suspension-limit-reached', jobId: j.id })),
    ...jobs.filter((j: JobFacts) => j.end !== undefined && addDays(j.end, 1) === day).map((j): Cause => ({ kind: 'job-ended', jobId: j.id })),
    ...(atRiskUntil !== undefined && addDays(atRiskUntil, 1) === day ? [{ kind: 'notice-period-ended' } as const] : []),
    ...(boundaries.has(day) ? [{ kind: 'income-limit-changed' } as const] : []),
  ];

  /** Records a decision that leaves the state as it is (a declaration that has no effect). */
  const note = (day: string, ruleId: RuleId, detail: string, event: StatusEvent) => {
    const cur = periods.at(-1);
    const state = cur?.state ?? 'not-registered';
    const basis = { legalBasis: RULES[ruleId].legalBasis, detail };
    decisions.push({ date: day, changed: false, state, ruleId, basis, message: message(ruleId, detail), causes: [{ kind: 'event', event }] });
  };

  /** Opens a period for the verdict unless it continues the current one; returns nothing, records the decision. */
  const apply = (day: string, v: Verdict, causes: Cause[], triggerRuleId: RuleId | undefined, episode: Registration | null, evaluatedEvents: boolean) => {
    const next: Period = {
      from: day,
      to: null,
      state: v.state,
      ruleId: v.ruleId,
      basis: v.basis,
      ...(v.sinceJobId === undefined ? {} : { sinceJobId: v.sinceJobId }),
      ...(episode ? { episode: episode.episode, declarationDate: episode.declarationDate } : {}),
    };
    if (v.missingYear !== undefined) missingYears.add(v.missingYear);
    let cur = periods.at(-1);
    const same = (p: Period | undefined) =>
      p !== undefined &&
      p.state === next.state &&
      p.ruleId === next.ruleId &&
      p.sinceJobId === next.sinceJobId &&
      p.episode === next.episode &&
      JSON.stringify(p.basis) === JSON.stringify(next.basis);
    const decision = (changed: boolean): Decision => ({
      date: day,
      changed,
      state: v.state,
      ruleId: v.ruleId,
      ...(triggerRuleId !== undefined && triggerRuleId !== v.ruleId ? { triggerRuleId } : {}),
      basis: v.basis,
      ...(v.sinceJobId === undefined ? {} : { sinceJobId: v.sinceJobId }),
      message: v.message ?? message(v.ruleId, v.basis.detail),
      causes,
    });
    if (same(cur)) {
      if (evaluatedEvents) decisions.push(decision(false));
      return;
    }
    const changed = !cur || cur.state !== next.state || cur.ruleId !== next.ruleId || cur.episode !== next.episode;
    if (cur && cur.from === day) {
      periods.pop(); // superseded the same day (e.g. revocation and new DID): no zero-length period
      cur = periods.at(-1);
    } else if (cur) {
      cur.to = addDays(day, -1);
    }
    if (same(cur) && cur) cur.to = null;
    else periods.push(next);
    decisions.push(decision(changed));
  };

  for (const day of checkpoints) {
    const todays = byDate.get(day) ?? [];
    for (const e of todays) {
      if (e.kind === 'sanctionLoss' || e.kind === 'revocation') {
        if (!reg) {
          warnings.push({ date: day, event: e, message: `${e.kind === 'revocation' ? 'Revoca' : 'Decadenza'} senza DID attiva: ignorata` });
          continue;
        }
        const closed = reg;
        reg = null;
        const v =
          e.kind === 'revocation'
            ? verdict('lost', 'REVOCATION', { detail: `revoca della DID del ${closed.declarationDate}` })
            : verdict('lost', 'SANCTION_LOSS', { detail: `decadenza (${e.reference}); DID del ${closed.declarationDate}` });
        if (e.kind === 'sanctionLoss' && params.reRegistrationBan.value.enabled) banUntil = addMonths(day, params.reRegistrationBan.value.months);
        apply(day, v, [{ kind: 'event', event: e }], undefined, null, false);
      } else if (e.kind === 'declaration') {
        if (reg && params.repeatedDeclaration.value === 'keep-first') {
          note(day, 'DID_ALREADY_ACTIVE', `DID già efficace dal ${reg.declarationDate}: la decorrenza non cambia`, e);
          continue;
        }
        if (!reg && banUntil !== undefined && day < banUntil) {
          note(day, 'REREGISTRATION_BAN', `nuova registrazione possibile dal ${banUntil}`, e);
          continue;
        }
        let atRiskUntil = e.atRiskUntil;
        if (atRiskUntil !== undefined && atRiskUntil < day) {
          warnings.push({ date: day, event: e, message: `Fine del preavviso (${atRiskUntil}) prima della DID: ignorata` });
          atRiskUntil = undefined;
        }
        reg = {
          episode: ++episodes,
          declarationDate: day,
          channel: e.channel,
          baseRule: 'DID_START',
          ...(atRiskUntil === undefined ? {} : { atRiskUntil }),
        };
      }
    }
    if (!reg) continue;

    let v = evaluateDay(day, reg, jobs, params, limits);
    const prev = periods.at(-1);
    if (prev && prev.episode === reg.episode) {
      if (prev.state === 'at-risk' && v.state !== 'at-risk') reg.baseRule = 'AT_RISK_ENDS';
      else if (JOB_STATES.has(prev.state) && v.usesBase) reg.baseRule = 'TERMINATION_RESUMES';
    }
    if (v.usesBase) v = baseVerdict(reg);
    const kinds = new Set(todays.map((e) => e.kind));
    const trigger: RuleId | undefined = kinds.has('jobConversion') ? 'CONVERSION_REEVALUATES' : kinds.has('jobExtension') ? 'EXTENSION_REEVALUATES' : undefined;
    const jobEvents = todays.some((e) => KIND_ORDER[e.kind] >= KIND_ORDER.jobStart);
    const causes = causesOn(day, todays, reg.atRiskUntil);
    if (v.state === 'lost') {
      reg = null;
      apply(day, v, causes, trigger, null, jobEvents);
    } else {
      apply(day, v, causes, trigger, reg, jobEvents);
    }
  }

  warnings.sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : 0));
  return { periods, decisions, warnings, missingIncomeLimitYears: [...missingYears].sort((a, b) => a - b) };
}
