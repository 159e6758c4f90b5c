/**
 * Pure rules of the notices module: which notices are in effect, and how they become employment-status events
 * (rules reference §11; the timeline itself is src/modules/people/status/).
 *
 * - A notice named by another notice's previous communication code is superseded: by a RETTIFICA (the newer
 *   notice replaces it) or an ANNULLAMENTO (it has no effect). An ANNULLAMENTO is never an event itself. This holds
 *   whichever of the two arrived first: effect is decided when the timeline is computed, from all notices.
 * - The job (rapporto) is identified by employer tax code + worker tax code + start date; within one person's
 *   timeline the worker is the person, so the job id is `<employer tax code>/<start date>`. Two effective hires of
 *   the same job (e.g. the same hire notified for two merged records) count once (the timeline warns).
 * - AVV → jobStart, PRO → jobExtension, TRA → jobConversion, CES → jobEnd (SIL-ER event codes, §11).
 * - Pay: the notice's prospective annual gross pay (paySource 'notice'); else the income the person declared
 *   ('declared'); else none ('none'), and the timeline says so.
 * - PRO takes effect the day after the job's previous planned end (the hire's end, or the previous extension's); when
 *   no previous end is known, on the sending date. Never before the job's start.
 * - A PRO or CES whose hire Ponte never received still proves the job existed: its hire is taken from the
 *   earliest such notice that carries a contract type (its start, planned end, contract type and pay).
 */
import { addDays } from '../../platform/dates.ts';
import type { StatusEvent } from '../people/index.ts';
import type { CommunicationType, EventType, NoticeRow } from './rows.ts';

/** A stored notice as the rules need it, with what supersedes it (if anything). */
export interface StoredNotice {
  id: string;
  communicationCode: string;
  previousCode: string | null;
  communicationType: CommunicationType;
  eventType: EventType;
  sentOn: string;
  employerTaxCode: string;
  workerTaxCode: string;
  jobStart: string;
  plannedEnd: string | null;
  contractType: string | null;
  annualPay: number | null;
  extensionEnd: string | null;
  conversionDate: string | null;
  terminationDate: string | null;
  /** The notice that rectifies or cancels this one, if any. */
  supersededBy: { code: string; type: CommunicationType } | null;
}

/** What a stored notice says (without its id and what supersedes it): fixed once stored, only its person link may change. */
export type NoticeFacts = Omit<StoredNotice, 'id' | 'supersededBy'>;

/** Notices' facts by id, kept by a bulk import for the timelines it recomputes (see storedNoticesOf). */
export type KnownNotices = ReadonlyMap<string, NoticeFacts>;

/** The facts the rules need of a checked row (only those: a bulk import keeps them for every notice it stores). */
export function noticeFacts(row: NoticeRow): NoticeFacts {
  return {
    communicationCode: row.communicationCode,
    previousCode: row.previousCode,
    communicationType: row.communicationType,
    eventType: row.eventType,
    sentOn: row.sentOn,
    employerTaxCode: row.employerTaxCode,
    workerTaxCode: row.workerTaxCode,
    jobStart: row.jobStart,
    plannedEnd: row.plannedEnd,
    contractType: row.contractType,
    annualPay: row.annualPay,
    extensionEnd: row.extensionEnd,
    conversionDate: row.conversionDate,
    terminationDate: row.terminationDate,
  };
}

export type NoticeEffect = 'effective' | 'rectified' | 'cancelled' | 'cancellation';

export function noticeEffect(n: Pick<StoredNotice, 'communicationType' | 'supersededBy'>): NoticeEffect {
  if (n.communicationType === 'ANNULLAMENTO') return 'cancellation';
  if (n.supersededBy === null) return 'effective';
  return n.supersededBy.type === 'ANNULLAMENTO' ? 'cancelled' : 'rectified';
}

export function jobIdOf(n: Pick<StoredNotice, 'employerTaxCode' | 'jobStart'>): string {
  return `${n.employerTaxCode}/${n.jobStart}`;
}

function eventDate(n: StoredNotice): string {
  switch (n.eventType) {
    case 'AVV':
      return n.jobStart;
    case 'TRA':
      return n.conversionDate ?? n.sentOn;
    case 'CES':
      return n.terminationDate ?? n.sentOn;
    default:
      return n.extensionEnd ?? n.sentOn;
  }
}

const byEventDate = (a: StoredNotice, b: StoredNotice) => {
  const da = eventDate(a);
  const db = eventDate(b);
  return da !== db ? (da < db ? -1 : 1) : a.communicationCode < b.communicationCode ? -1 : a.communicationCode > b.communicationCode ? 1 : 0;
};

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * The status events of one person's notices. `declaredAnnualIncome`: the income the person declared (people
 * module), used when a hire notice carries no pay. Order of the input does not matter.
 */
export function noticesToEvents(notices: readonly StoredNotice[], declaredAnnualIncome: number | null): StatusEvent[] {
  const effective = notices.filter((n) => noticeEffect(n) === 'effective').sort(byEventDate);
  const jobs = new Map<string, StoredNotice[]>();
  for (const n of effective) {
    const id = jobIdOf(n);
    const list = jobs.get(id);
    if (list) list.push(n);
    else jobs.set(id, [n]);
  }
  const pay = (amount: number | null): { annualPay?: number; paySource: 'notice' | 'declared' | 'none' } =>
    amount !== null
      ? { annualPay: amount, paySource: 'notice' }
      : declaredAnnualIncome !== null
        ? { annualPay: declaredAnnualIncome, paySource: 'declared' }
        : { paySource: 'none' };

  const events: StatusEvent[] = [];
  for (const [jobId, list] of jobs) {
    const hires = list.filter((n) => n.eventType === 'AVV');
    const implied = hires.length === 0 ? list.find((n) => (n.eventType === 'PRO' || n.eventType === 'CES') && n.contractType !== null) : undefined;
    for (const hire of hires.length > 0 ? hires : implied ? [implied] : []) {
      events.push({
        kind: 'jobStart',
        id: jobId,
        date: hire.jobStart,
        ...(hire.plannedEnd !== null ? { plannedEnd: hire.plannedEnd } : {}),
        contractType: hire.contractType as string,
        ...pay(hire.annualPay),
      });
    }
    // Planned ends known so far, to date each extension from the end it moves.
    const ends = [...hires, ...(implied ? [implied] : [])].map((h) => h.plannedEnd).filter((d): d is string => d !== null);
    for (const n of list) {
      if (n.eventType === 'PRO' && n.extensionEnd !== null) {
        const previous = [...ends, ...list.filter((o) => o.eventType === 'PRO' && o.extensionEnd !== null).map((o) => o.extensionEnd as string)]
          .filter((d) => d < (n.extensionEnd as string))
          .sort()
          .at(-1);
        const date = previous !== undefined ? addDays(previous, 1) : minDate(n.sentOn, n.extensionEnd);
        events.push({
          kind: 'jobExtension',
          jobId,
          date: maxDate(date, n.jobStart),
          newPlannedEnd: n.extensionEnd,
          ...(n.annualPay !== null ? { annualPay: n.annualPay } : {}),
        });
      } else if (n.eventType === 'TRA' && n.contractType !== null) {
        events.push({
          kind: 'jobConversion',
          jobId,
          date: maxDate(n.conversionDate ?? n.sentOn, n.jobStart),
          contractType: n.contractType,
          ...(n.annualPay !== null ? { annualPay: n.annualPay } : {}),
        });
      } else if (n.eventType === 'CES' && n.terminationDate !== null) {
        events.push({ kind: 'jobEnd', jobId, date: n.terminationDate });
      }
    }
  }
  return events;
}
