/**
 * Jobs as known from the notices: the hire, its extensions and conversions, its end. `jobOn` answers what a job
 * looked like on a given day (contract type, pay, planned end), using only the changes dated on or before it.
 */
import { addDays, dayNumber, inclusiveDays } from './days.ts';
import type { JobConversionEvent, JobExtensionEvent, JobStartEvent, PaySource, StatusEvent, TimelineWarning } from './events.ts';
import { type ContractClass, classifyContract, type StatusParameters } from './rules.ts';

export interface JobFacts {
  id: string;
  start: string;
  /** dayNumber of start. */
  startDay: number;
  hire: JobStartEvent;
  /** Extensions and conversions in event order. */
  changes: (JobExtensionEvent | JobConversionEvent)[];
  /** Last day of work: the termination notice, else the final planned end (plannedEndClosesJob); undefined = open. */
  end?: string;
  /** The day after `end`. */
  dayAfterEnd?: string;
  /** firstDayAfterSuspension of the job. */
  clockPassed: string;
  /** The job as known after its first k changes, for k = 0 … changes.length (see jobOn). */
  views: JobOnDay[];
}

export interface JobOnDay {
  id: string;
  start: string;
  startDay: number;
  contractType: string;
  /** classifyContract of contractType. */
  contractClass: ContractClass;
  annualPay: number | undefined;
  paySource: PaySource;
  plannedEnd: string | undefined;
  /** Date of the latest conversion to an open-ended type, on or before the day. */
  openEndedSince: string | undefined;
  /** Since when the planned duration (as known then) exceeds the maximum suspension; open-ended counts as long. */
  longSince: string | undefined;
  /** Date of the latest extension or conversion on or before the day. */
  lastChange: string | undefined;
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
      jobs.set(e.id, {
        id: e.id,
        start: e.date,
        startDay: dayNumber(e.date),
        hire: e,
        changes: [],
        clockPassed: firstDayAfterSuspension({ start: e.date }, params),
        views: [],
      });
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
    job.views = plans(job, params);
    const explicit = ends.get(job.id);
    if (explicit !== undefined) job.end = explicit;
    else if (params.plannedEndClosesJob.value) job.end = job.views.at(-1)!.plannedEnd;
    if (job.end !== undefined) job.dayAfterEnd = addDays(job.end, 1);
  }
  return [...jobs.values()].sort((a, b) => (a.start === b.start ? (a.id < b.id ? -1 : 1) : a.start < b.start ? -1 : 1));
}

export function isRunning(job: JobFacts, day: string): boolean {
  return job.start <= day && (job.end === undefined || day <= job.end);
}

/** The job as known on `day`: after the changes dated on or before it. */
export function jobOn(job: JobFacts, day: string): JobOnDay {
  let known = 0;
  while (known < job.changes.length && job.changes[known]!.date <= day) known++;
  return job.views[known]!;
}

/** The job after each prefix of its changes (changes are in date order). Views are shared: never modify one. */
function plans(job: JobFacts, params: StatusParameters): JobOnDay[] {
  const hire = job.hire;
  const max = params.maxSuspensionDays.value;
  const hasPay = hire.paySource !== 'none' && hire.annualPay !== undefined;
  let contractType = hire.contractType;
  let annualPay = hasPay ? hire.annualPay : undefined;
  let paySource: PaySource = hasPay ? hire.paySource : 'none';
  let plannedEnd = hire.plannedEnd !== undefined && hire.plannedEnd >= hire.date ? hire.plannedEnd : undefined;
  let openEndedSince: string | undefined;
  let lastChange: string | undefined;
  const isLong = () => plannedEnd === undefined || inclusiveDays(job.start, plannedEnd) > max;
  let longSince = isLong() ? job.start : undefined;
  // Every view has every key (undefined when unknown), so that all views share one object shape.
  const view = (): JobOnDay => ({
    id: job.id,
    start: job.start,
    startDay: job.startDay,
    contractType,
    contractClass: classifyContract(contractType, params),
    annualPay,
    paySource,
    plannedEnd,
    openEndedSince,
    longSince,
    lastChange,
  });
  const views = [view()];
  for (const change of job.changes) {
    lastChange = change.date;
    if (change.annualPay !== undefined) {
      annualPay = change.annualPay;
      paySource = 'notice';
    }
    if (change.kind === 'jobExtension') {
      plannedEnd = change.newPlannedEnd;
    } else {
      contractType = change.contractType;
      if (params.openEndedContractTypes.value.includes(change.contractType)) {
        plannedEnd = undefined;
        openEndedSince = change.date;
      }
    }
    if (!isLong()) longSince = undefined;
    else longSince ??= change.date;
    views.push(view());
  }
  return views;
}

/** Day on which the suspension clock of a job passes the maximum (the hire day is day 1). */
export function firstDayAfterSuspension(job: { start: string }, params: StatusParameters): string {
  return addDays(job.start, params.maxSuspensionDays.value);
}
