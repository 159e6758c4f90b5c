/**
 * Jobs as known from the notices: the hire, its extensions and conversions, its end. `jobOn` answers what a job
 * looked like on a given day (contract type, pay, planned end), using only the changes dated on or before it.
 */
import { addDays, inclusiveDays } from './days.ts';
import type { JobConversionEvent, JobExtensionEvent, JobStartEvent, PaySource, StatusEvent, TimelineWarning } from './events.ts';
import type { StatusParameters } from './rules.ts';

export interface JobFacts {
  id: string;
  start: string;
  hire: JobStartEvent;
  /** Extensions and conversions in event order. */
  changes: (JobExtensionEvent | JobConversionEvent)[];
  /** Last day of work: the termination notice, else the final planned end (plannedEndClosesJob); undefined = open. */
  end?: string;
}

export interface JobOnDay {
  id: string;
  start: string;
  contractType: string;
  annualPay?: number;
  paySource: PaySource;
  plannedEnd?: string;
  /** Date of the latest conversion to an open-ended type, on or before the day. */
  openEndedSince?: string;
  /** Since when the planned duration (as known then) exceeds the maximum suspension; open-ended counts as long. */
  longSince?: string;
  /** Date of the latest extension or conversion on or before the day. */
  lastChange?: string;
}

export function buildJobs(sorted: readonly StatusEvent[], params: StatusParameters, warnings: TimelineWarning[]): JobFacts[] {
  const jobs = new Map<string, JobFacts>();
  const ends = new Map<string, string>();
  for (const e of sorted) {
    if (e.kind === 'jobStart') {
      if (jobs.has(e.id)) {
        warnings.push({ date: e.date, event: e, message: `Avviamento duplicato del rapporto ${e.id}: ignorato` });
        continue;
      }
      if (e.plannedEnd !== undefined && e.plannedEnd < e.date) {
        warnings.push({ date: e.date, event: e, message: `Rapporto ${e.id}: fine prevista prima dell'avvio, ignorata` });
      }
      if ((e.paySource === 'none') !== (e.annualPay === undefined)) {
        warnings.push({
          date: e.date,
          event: e,
          message: `Rapporto ${e.id}: fonte della retribuzione incoerente con l'importo; retribuzione considerata assente`,
        });
      }
      jobs.set(e.id, { id: e.id, start: e.date, hire: e, changes: [] });
    } else if (e.kind === 'jobExtension' || e.kind === 'jobConversion' || e.kind === 'jobEnd') {
      const job = jobs.get(e.jobId);
      const label = e.kind === 'jobEnd' ? 'Cessazione' : e.kind === 'jobExtension' ? 'Proroga' : 'Trasformazione';
      if (!job) {
        warnings.push({ date: e.date, event: e, message: `${label} per un rapporto sconosciuto (${e.jobId}): ignorata` });
      } else if (e.date < job.start) {
        warnings.push({ date: e.date, event: e, message: `${label} del rapporto ${e.jobId} datata prima dell'avvio: ignorata` });
      } else if (e.kind === 'jobEnd') {
        if (ends.has(e.jobId)) warnings.push({ date: e.date, event: e, message: `Più cessazioni per il rapporto ${e.jobId}: vale la più recente` });
        ends.set(e.jobId, e.date);
      } else {
        job.changes.push(e);
      }
    }
  }
  for (const job of jobs.values()) {
    const explicit = ends.get(job.id);
    if (explicit !== undefined) job.end = explicit;
    else if (params.plannedEndClosesJob.value) job.end = planAfter(job, undefined, params).plannedEnd;
  }
  return [...jobs.values()].sort((a, b) => (a.start === b.start ? (a.id < b.id ? -1 : 1) : a.start < b.start ? -1 : 1));
}

export function isRunning(job: JobFacts, day: string): boolean {
  return job.start <= day && (job.end === undefined || day <= job.end);
}

/** The job as known on `day`. */
export function jobOn(job: JobFacts, day: string, params: StatusParameters): JobOnDay {
  return planAfter(job, day, params);
}

function planAfter(job: JobFacts, day: string | undefined, params: StatusParameters): JobOnDay {
  const hire = job.hire;
  const max = params.maxSuspensionDays.value;
  const hasPay = hire.paySource !== 'none' && hire.annualPay !== undefined;
  const view: JobOnDay = {
    id: job.id,
    start: job.start,
    contractType: hire.contractType,
    paySource: hasPay ? hire.paySource : 'none',
    ...(hasPay ? { annualPay: hire.annualPay } : {}),
    ...(hire.plannedEnd !== undefined && hire.plannedEnd >= hire.date ? { plannedEnd: hire.plannedEnd } : {}),
  };
  const isLong = () => view.plannedEnd === undefined || inclusiveDays(job.start, view.plannedEnd) > max;
  if (isLong()) view.longSince = job.start;
  for (const change of job.changes) {
    if (day !== undefined && change.date > day) break;
    view.lastChange = change.date;
    if (change.annualPay !== undefined) {
      view.annualPay = change.annualPay;
      view.paySource = 'notice';
    }
    if (change.kind === 'jobExtension') {
      view.plannedEnd = change.newPlannedEnd;
    } else {
      view.contractType = change.contractType;
      if (params.openEndedContractTypes.value.includes(change.contractType)) {
        delete view.plannedEnd;
        view.openEndedSince = change.date;
      }
    }
    if (!isLong()) delete view.longSince;
    else view.longSince ??= change.date;
  }
  return view;
}

/** Day on which the suspension clock of a job passes the maximum (the hire day is day 1). */
export function firstDayAfterSuspension(job: { start: string }, params: StatusParameters): string {
  return addDays(job.start, params.maxSuspensionDays.value);
}
