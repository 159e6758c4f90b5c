/**
 * The notices' columns in COPY text format (pure: the reader's worker thread formats each checked row ahead, so that
 * the importer's thread only prepends the id).
 */
import { type CopyValue, copyText } from '../../platform/db/copyText.ts';
import type { NoticeRow } from './rows.ts';

/** The columns a batch of notices is copied with (employment_notices, or the temporary table of the set-based path), in order. */
export const INCOMING_COLUMNS = [
  ['id', 'uuid'],
  ['communication_code', 'text'],
  ['previous_code', 'text'],
  ['communication_type', 'text'],
  ['event_type', 'text'],
  ['sent_on', 'date'],
  ['employer_tax_code', 'text'],
  ['employer_name', 'text'],
  ['employer_ateco_code', 'text'],
  ['workplace_istat_code', 'text'],
  ['worker_tax_code', 'text'],
  ['worker_family_name', 'text'],
  ['worker_given_name', 'text'],
  ['worker_sex', 'text'],
  ['worker_birth_date', 'date'],
  ['worker_birthplace_code', 'text'],
  ['worker_citizenship', 'text'],
  ['job_start', 'date'],
  ['planned_end', 'date'],
  ['contract_type', 'text'],
  ['ccnl', 'text'],
  ['occupation_code', 'text'],
  ['working_time', 'text'],
  ['weekly_hours', 'numeric'],
  ['annual_pay', 'numeric'],
  ['extension_end', 'date'],
  ['conversion_date', 'date'],
  ['conversion_code', 'text'],
  ['termination_date', 'date'],
  ['termination_cause', 'text'],
  ['content_hash', 'text'],
  ['source_line', 'integer'],
] as const;
export const COLUMN_NAMES = INCOMING_COLUMNS.map(([name]) => name);

/** The values of a notice's columns after the id (COLUMN_NAMES[1…]). */
function noticeValues(x: NoticeRow, hash: string, line: number): CopyValue[] {
  return [
    x.communicationCode,
    x.previousCode,
    x.communicationType,
    x.eventType,
    x.sentOn,
    x.employerTaxCode,
    x.employerName,
    x.employerAtecoCode,
    x.workplaceIstatCode,
    x.workerTaxCode,
    x.workerFamilyName,
    x.workerGivenName,
    x.workerSex,
    x.workerBirthDate,
    x.workerBirthplaceCode,
    x.workerCitizenship,
    x.jobStart,
    x.plannedEnd,
    x.contractType,
    x.ccnl,
    x.occupationCode,
    x.workingTime,
    x.weeklyHours,
    x.annualPay,
    x.extensionEnd,
    x.conversionDate,
    x.conversionCode,
    x.terminationDate,
    x.terminationCause,
    hash,
    line,
  ];
}

/** A notice's columns after the id in COPY text format, without the line's end. */
export function noticeCopyFields(x: NoticeRow, hash: string, line: number): string {
  return copyText([noticeValues(x, hash, line)]).slice(0, -1);
}
