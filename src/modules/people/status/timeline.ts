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
import type { Basis, Cause, Decision, EmploymentState, IncomeLimitRow, JobPay, Period, StatusEvent, Timeline, TimelineWarning } from './events.ts';
import { INCOME_LIMITS, limitBoundarySet } from './incomeLimits.ts';
import { buildJobs, isRunning } from './jobs.ts';
import { RULES, type RuleId, resolveParameters, STATUS_PARAMETERS, type StatusParameters } from './rules.ts';

export interface TimelineOptions {
  /** Overrides of STATUS_PARAMETERS; each override carries its own source. */
  parameters?: Partial<StatusParameters>;
  /** Income-limit table; defaults to INCOME_LIMITS. Data: not to be changed once used (derived values are memoised). */
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

const NO_EVENTS: readonly StatusEvent[] = [];

const JOB_STATES: ReadonlySet<EmploymentState> = new Set(['suspended', 'employed-keeping', 'pending']);

function canonical(e: StatusEvent): string {
  return JSON.stringify(e, Object.keys(e).sort());
}

export function sortEvents(events: readonly StatusEvent[]): StatusEvent[] {
  // The canonical form only breaks ties of date and kind: computed when first needed.
  const keys = new Map<StatusEvent, string>();
  const key = (e: StatusEvent) => {
    let k = keys.get(e);
    if (k === undefined) {
      k = canonical(e);
      keys.set(e, k);
    }
    return k;
  };
  return [...events].sort((a, b) => {
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/**
 * Whether two bases would give the same JSON. Every basis is built by verdict() (evaluate.ts) with its keys in one
 * order and only defined, finite values, so comparing field by field is enough.
 */
function sameBasis(a: Basis, b: Basis): boolean {
  if (a === b) return true;
  return (
    a.legalBasis === b.legalBasis &&
    a.detail === b.detail &&
    a.paySource === b.paySource &&
    a.pay === b.pay &&
    (a.limitUsed === b.limitUsed || JSON.stringify(a.limitUsed) === JSON.stringify(b.limitUsed)) &&
    sameJobs(a.jobs, b.jobs)
  );
}

function sameJobs(a: readonly JobPay[] | undefined, b: readonly JobPay[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return x.jobId === y.jobId && x.contractType === y.contractType && x.paySource === y.paySource && x.annualPay === y.annualPay;
  });
}

/**
 * Keys are set one by one in the order of the Decision type (the JSON of a timeline must not depend on how it was
 * built), leaving out undefined optional keys without the cost of spreading.
 */
function decisionOf(date: string, changed: boolean, v: Verdict, triggerRuleId: RuleId | undefined, causes: Cause[]): Decision {
  const d = { date, changed, state: v.state, ruleId: v.ruleId } as Decision;
  if (triggerRuleId !== undefined) d.triggerRuleId = triggerRuleId;
  d.basis = v.basis;
  if (v.sinceJobId !== undefined) d.sinceJobId = v.sinceJobId;
  d.message = v.message ?? message(v.ruleId, v.basis.detail);
  d.causes = causes;
  return d;
}

function periodOf(from: string, v: Verdict, episode: Registration | null): Period {
  return {
    from,
    to: null,
    state: v.state,
    ruleId: v.ruleId,
    basis: v.basis,
    ...(v.sinceJobId === undefined ? {} : { sinceJobId: v.sinceJobId }),
    ...(episode ? { episode: episode.episode, declarationDate: episode.declarationDate } : {}),
  };
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
  const params = options.parameters ? resolveParameters(options.parameters) : STATUS_PARAMETERS;
  const limits = options.incomeLimits ?? INCOME_LIMITS;
  const warnings: TimelineWarning[] = [];
  const sorted = sortEvents(events);
  const jobs = buildJobs(sorted, params, warnings);

  const byDate = new Map<string, StatusEvent[]>();
  for (const e of sorted) {
    const list = byDate.get(e.date);
    if (list) list.push(e);
    else byDate.set(e.date, [e]);
  }
  const boundaries = limitBoundarySet(limits);
  const days: string[] = [...byDate.keys(), ...boundaries];
  for (const e of sorted) if (e.kind === 'declaration' && e.atRiskUntil !== undefined) days.push(addDays(e.atRiskUntil, 1));
  for (const j of jobs) {
    days.push(j.start, j.clockPassed);
    if (j.dayAfterEnd !== undefined) days.push(j.dayAfterEnd);
  }
  const firstDeclaration = sorted.find((e) => e.kind === 'declaration')?.date;
  const checkpoints = days
    .filter((d) => byDate.has(d) || (firstDeclaration !== undefined && d >= firstDeclaration))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .filter((d, i, all) => i === 0 || d !== all[i - 1]);

  const periods: Period[] = [];
  const decisions: Decision[] = [];
  const missingYears = new Set<number>();
  let reg: Registration | null = null;
  let episodes = 0;
  let banUntil: string | undefined;

  const causesOn = (day: string, todays: readonly StatusEvent[], atRiskUntil?: string): Cause[] => {
    const causes: Cause[] = todays.map((event): Cause => ({ kind: 'event', event }));
    for (const j of jobs) if (j.clockPassed === day && isRunning(j, day)) causes.push({ kind: 'suspension-limit-reached', jobId: j.id });
    for (const j of jobs) if (j.dayAfterEnd === day) causes.push({ kind: 'job-ended', jobId: j.id });
    if (atRiskUntil !== undefined && addDays(atRiskUntil, 1) === day) causes.push({ kind: 'notice-period-ended' });
    if (boundaries.has(day)) causes.push({ kind: 'income-limit-changed' });
    return causes;
  };

  /** Records a decision that leaves the state as it is (a declaration that has no effect). */
  const note = (day: string, ruleId: RuleId, detail: string, event: StatusEvent) => {
    const cur = periods.at(-1);
    const state = cur?.state ?? 'not-registered';
    const basis = { legalBasis: RULES[ruleId].legalBasis, detail };
    decisions.push({ date: day, changed: false, state, ruleId, basis, message: message(ruleId, detail), causes: [{ kind: 'event', event }] });
  };

  /** Opens a period for the verdict unless it continues the current one; returns nothing, records the decision. */
  const apply = (day: string, v: Verdict, causes: () => Cause[], triggerRuleId: RuleId | undefined, episode: Registration | null, evaluatedEvents: boolean) => {
    if (v.missingYear !== undefined) missingYears.add(v.missingYear);
    const episodeNo = episode?.episode;
    const continues = (p: Period | undefined): boolean =>
      p !== undefined &&
      p.state === v.state &&
      p.ruleId === v.ruleId &&
      p.sinceJobId === v.sinceJobId &&
      p.episode === episodeNo &&
      sameBasis(p.basis, v.basis);
    const decision = (changed: boolean) => decisionOf(day, changed, v, triggerRuleId !== v.ruleId ? triggerRuleId : undefined, causes());
    let cur = periods.at(-1);
    if (continues(cur)) {
      if (evaluatedEvents) decisions.push(decision(false));
      return;
    }
    const changed = !cur || cur.state !== v.state || cur.ruleId !== v.ruleId || cur.episode !== episodeNo;
    if (cur && cur.from === day) {
      periods.pop(); // superseded the same day (e.g. revocation and new DID): no zero-length period
      cur = periods.at(-1);
    } else if (cur) {
      cur.to = addDays(day, -1);
    }
    if (cur && continues(cur)) cur.to = null;
    else periods.push(periodOf(day, v, episode));
    decisions.push(decision(changed));
  };

  for (const day of checkpoints) {
    const todays = byDate.get(day) ?? NO_EVENTS;
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
        apply(day, v, () => [{ kind: 'event', event: e }], undefined, null, false);
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
    const baseRule = reg.baseRule;
    const prev = periods.at(-1);
    if (prev && prev.episode === reg.episode) {
      if (prev.state === 'at-risk' && v.state !== 'at-risk') reg.baseRule = 'AT_RISK_ENDS';
      else if (JOB_STATES.has(prev.state) && v.usesBase) reg.baseRule = 'TERMINATION_RESUMES';
    }
    if (v.usesBase && reg.baseRule !== baseRule) v = baseVerdict(reg);
    const trigger: RuleId | undefined = todays.some((e) => e.kind === 'jobConversion')
      ? 'CONVERSION_REEVALUATES'
      : todays.some((e) => e.kind === 'jobExtension')
        ? 'EXTENSION_REEVALUATES'
        : undefined;
    const jobEvents = todays.some((e) => KIND_ORDER[e.kind] >= KIND_ORDER.jobStart);
    const atRiskUntil = reg.atRiskUntil;
    // Built only when a decision is recorded: most checkpoints continue the current period.
    const causes = () => causesOn(day, todays, atRiskUntil);
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
