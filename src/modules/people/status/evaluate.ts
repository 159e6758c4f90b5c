/**
 * The state on one day of a registration episode, from the jobs running that day. Pure: the same facts give the
 * same verdict, whatever order the notices arrived in. The walk over days (and what is sticky) is in timeline.ts.
 *
 * Decisions on pay (rules reference §1.2, §11; ANPAL circ. 1/2019):
 * - pay of concurrent subordinate jobs is summed (prospective annual pay, known amounts in cents);
 * - sum ≤ limit → employed-keeping (KEEP_BELOW_LIMIT); sum > limit → suspended (SUSPEND_UP_TO_180), unless a
 *   loss rule holds: a running job past its day 180 (LOST_AFTER_180_ABOVE_LIMIT), a conversion to open-ended
 *   (CONVERSION_REEVALUATES, parameter conversionToOpenEnded), a planned duration over 180 days
 *   (LOST_LONG_CONTRACT_ABOVE_LIMIT, only with longContract = 'lose-from-start');
 * - jobs already running before the DID are part of the sum; alone above the limit they make the DID doubtful
 *   (EMPLOYED_AT_DECLARATION, pending); during a notice period (at risk) they are not evaluated;
 * - traineeships and LPU never count (TRAINEESHIP_KEEPS); other contract types wait (CONTRACT_TYPE_UNCLASSIFIED).
 */
import { addDays, dayNumber, maxDate } from './days.ts';
import type { Basis, DeclarationChannel, EmploymentState, IncomeLimitRow, JobPay, PaySource } from './events.ts';
import { isMissing, limitFor } from './incomeLimits.ts';
import { isRunning, type JobFacts, type JobOnDay, jobOn } from './jobs.ts';
import { RULES, type RuleId, type StatusParameters } from './rules.ts';

export interface Registration {
  episode: number;
  declarationDate: string;
  channel: DeclarationChannel;
  atRiskUntil?: string;
  /** Rule of the plain 'unemployed' state in this episode: DID_START, then AT_RISK_ENDS or TERMINATION_RESUMES. */
  baseRule: RuleId;
}

export interface Verdict {
  state: EmploymentState;
  ruleId: RuleId;
  basis: Basis;
  sinceJobId?: string;
  /** True when the state is plain 'unemployed': its rule depends on the episode's history. */
  usesBase?: boolean;
  missingYear?: number;
  /** Decision message when the rule title plus detail would not read well. */
  message?: string;
}

const CHANNEL: Record<DeclarationChannel, string> = {
  'job-centre': 'al centro per l’impiego',
  'national-portal': 'sul portale nazionale',
  'inps-benefit': 'con la domanda di prestazione INPS',
};

const PAY_SOURCE: Record<PaySource, string> = { notice: 'comunicazione obbligatoria', declared: 'dichiarata dalla persona', none: 'non disponibile' };

const euroFormat = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });
const euroTexts = new Map<number, string>();

/** Amount in Italian currency format; memoised, as Intl formatting costs more than the rest of a day's evaluation. */
function euro(amount: number): string {
  if (amount === 0) return euroFormat.format(amount); // the cache's keys do not tell 0 from -0
  let text = euroTexts.get(amount);
  if (text === undefined) {
    if (euroTexts.size >= 10_000) euroTexts.clear();
    text = euroFormat.format(amount);
    euroTexts.set(amount, text);
  }
  return text;
}
const limitTexts = new WeakMap<IncomeLimitRow, string>();

/** Memoised per row: a limit table is data, never changed once in use. */
function limitTextOf(limit: IncomeLimitRow): string {
  let text = limitTexts.get(limit);
  if (text === undefined) {
    text = `limite ${euro(limit.employee)} dal ${limit.from} (${limit.source})`;
    limitTexts.set(limit, text);
  }
  return text;
}

const cents = (amount: number) => Math.round(amount * 100);

export function verdict(state: EmploymentState, ruleId: RuleId, extra: Omit<Basis, 'legalBasis'> = {}, sinceJobId?: string): Verdict {
  return { state, ruleId, basis: { legalBasis: RULES[ruleId].legalBasis, ...extra }, ...(sinceJobId === undefined ? {} : { sinceJobId }) };
}

export function baseVerdict(reg: Registration): Verdict {
  const did = `DID del ${reg.declarationDate} ${CHANNEL[reg.channel]}`;
  const detail =
    reg.baseRule === 'AT_RISK_ENDS'
      ? `preavviso terminato il ${reg.atRiskUntil}; ${did}`
      : reg.baseRule === 'TERMINATION_RESUMES'
        ? `nessun rapporto di lavoro in corso; ${did}, senza nuova dichiarazione`
        : did;
  return { ...verdict('unemployed', reg.baseRule, { detail }), usesBase: true };
}

function latest(jobs: readonly JobOnDay[]): JobOnDay {
  return jobs.reduce((a, b) => (b.start > a.start || (b.start === a.start && b.id > a.id) ? b : a));
}

function combinedSource(jobs: readonly JobOnDay[]): PaySource {
  if (jobs.some((j) => j.annualPay === undefined)) return 'none';
  return jobs.some((j) => j.paySource === 'declared') ? 'declared' : 'notice';
}

function limitDay(day: string, reg: Registration, subs: readonly JobOnDay[], params: StatusParameters): string {
  if (params.limitDate.value === 'day') return day;
  let anchor = reg.declarationDate;
  for (const j of subs) {
    anchor = maxDate(anchor, j.start);
    if (j.lastChange) anchor = maxDate(anchor, j.lastChange);
    const clock = addDays(j.start, params.maxSuspensionDays.value);
    if (clock <= day) anchor = maxDate(anchor, clock);
  }
  return anchor;
}

interface LossCandidate {
  ruleId: RuleId;
  jobId: string;
  since: string;
  rank: number;
}

/** The loss rule that holds on `day` if pay is above the limit; the most recent cause wins. */
function lossRule(day: string, subs: readonly JobOnDay[], params: StatusParameters): LossCandidate | undefined {
  const candidates: LossCandidate[] = [];
  const dayNo = dayNumber(day);
  for (const j of subs) {
    if (params.conversionToOpenEnded.value === 'lose-at-conversion' && j.openEndedSince) {
      candidates.push({ ruleId: 'CONVERSION_REEVALUATES', jobId: j.id, since: j.openEndedSince, rank: 0 });
    }
    if (params.longContract.value === 'lose-from-start' && j.longSince) {
      candidates.push({ ruleId: 'LOST_LONG_CONTRACT_ABOVE_LIMIT', jobId: j.id, since: j.longSince, rank: 1 });
    }
    if (dayNo - j.startDay >= params.maxSuspensionDays.value) {
      candidates.push({ ruleId: 'LOST_AFTER_180_ABOVE_LIMIT', jobId: j.id, since: addDays(j.start, params.maxSuspensionDays.value), rank: 2 });
    }
  }
  candidates.sort((a, b) => (a.since !== b.since ? (a.since > b.since ? -1 : 1) : a.rank !== b.rank ? a.rank - b.rank : a.jobId < b.jobId ? -1 : 1));
  return candidates[0];
}

export function evaluateDay(day: string, reg: Registration, jobs: readonly JobFacts[], params: StatusParameters, limits: readonly IncomeLimitRow[]): Verdict {
  const atRisk = reg.atRiskUntil !== undefined && day <= reg.atRiskUntil;
  const unclassified: JobOnDay[] = [];
  const subs: JobOnDay[] = [];
  const traineeships: JobOnDay[] = [];
  for (const job of jobs) {
    if (!isRunning(job, day) || (atRisk && job.start < reg.declarationDate)) continue;
    const j = jobOn(job, day);
    if (j.contractClass === 'subordinate') subs.push(j);
    else if (j.contractClass === 'no-effect') traineeships.push(j);
    else unclassified.push(j);
  }
  if (unclassified.length > 0) {
    const j = latest(unclassified);
    return verdict('pending', 'CONTRACT_TYPE_UNCLASSIFIED', { detail: `rapporto ${j.id}: tipologia ${j.contractType} senza regola configurata` }, j.id);
  }
  if (subs.length === 0) {
    if (atRisk) return verdict('at-risk', 'AT_RISK', { detail: `DID del ${reg.declarationDate} durante il preavviso, fino al ${reg.atRiskUntil}` });
    if (traineeships.length > 0) {
      const j = latest(traineeships);
      return verdict('unemployed', 'TRAINEESHIP_KEEPS', { detail: `rapporto ${j.id} (${j.contractType}): non è lavoro; DID del ${reg.declarationDate}` }, j.id);
    }
    return baseVerdict(reg);
  }

  const jobsPay: JobPay[] = subs.map((j) => ({
    jobId: j.id,
    contractType: j.contractType,
    paySource: j.paySource,
    ...(j.annualPay === undefined ? {} : { annualPay: j.annualPay }),
  }));
  const knownCents = subs.reduce((sum, j) => sum + (j.annualPay === undefined ? 0 : cents(j.annualPay)), 0);
  const payBasis = { paySource: combinedSource(subs), pay: knownCents / 100, jobs: jobsPay };
  const newest = latest(subs);

  const payText = `retribuzione annua prospettica ${euro(knownCents / 100)} (fonte: ${PAY_SOURCE[payBasis.paySource]})`;
  const limit = limitFor(limitDay(day, reg, subs, params), limits);
  if (isMissing(limit)) {
    const detail = `${limit.message}; rapporto ${newest.id}, ${payText}`;
    const message = `In attesa: limite di reddito non configurato per l'anno ${limit.year} — rapporto ${newest.id}, ${payText}`;
    return { ...verdict('pending', 'INCOME_LIMIT_MISSING', { ...payBasis, detail }, newest.id), missingYear: limit.year, message };
  }
  const limitCents = cents(limit.employee);
  const withLimit = { ...payBasis, limitUsed: limit };
  const limitText = limitTextOf(limit);

  const pre = subs.filter((j) => j.start < reg.declarationDate);
  const preCents = pre.reduce((sum, j) => sum + (j.annualPay === undefined ? 0 : cents(j.annualPay)), 0);
  if (pre.length > 0 && preCents > limitCents) {
    const j = latest(pre);
    const detail = `rapporto ${j.id} avviato il ${j.start}, in corso alla DID del ${reg.declarationDate}: ${payText} sopra il ${limitText}; verificare la cessazione`;
    return verdict('pending', 'EMPLOYED_AT_DECLARATION', { ...withLimit, detail }, j.id);
  }

  const unknown = subs.filter((j) => j.annualPay === undefined);
  if (unknown.length === 0 && knownCents <= limitCents) {
    return verdict('employed-keeping', 'KEEP_BELOW_LIMIT', { ...withLimit, detail: `rapporto ${newest.id}: ${payText} entro il ${limitText}` }, newest.id);
  }
  const loss = lossRule(day, subs, params);
  const max = params.maxSuspensionDays.value;
  if (knownCents > limitCents) {
    if (loss) {
      const why =
        loss.ruleId === 'CONVERSION_REEVALUATES'
          ? `trasformato a tempo indeterminato il ${loss.since}`
          : loss.ruleId === 'LOST_LONG_CONTRACT_ABOVE_LIMIT'
            ? `con durata prevista oltre ${max} giorni (nota dal ${loss.since})`
            : `ancora in corso il ${max + 1}° giorno (${loss.since})`;
      return verdict('lost', loss.ruleId, { ...withLimit, detail: `rapporto ${loss.jobId} ${why}; ${payText} sopra il ${limitText}` }, loss.jobId);
    }
    return verdict('suspended', 'SUSPEND_UP_TO_180', { ...withLimit, detail: `rapporto ${newest.id}: ${payText} sopra il ${limitText}` }, newest.id);
  }
  const missing = unknown.map((j) => j.id).join(', ');
  if (params.missingPay.value === 'pending' || loss) {
    return verdict('pending', 'PAY_MISSING', { ...withLimit, detail: `retribuzione non disponibile per il rapporto ${missing}` }, unknown[0]!.id);
  }
  const detail = `retribuzione non disponibile per il rapporto ${missing}: sospensione automatica fino a ${max} giorni`;
  return verdict('suspended', 'SUSPEND_UP_TO_180', { ...withLimit, detail }, newest.id);
}
