import type { ColumnType } from 'kysely';
import type { CalendarDate, Timestamp } from '../../platform/db/schema.ts';

/** numeric columns: read as strings (exact), written as numbers or strings. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

/** UNILAV employment notices as received (migration 0007_notices.sql). Column names mirror the agreed CSV (README). */
export interface EmploymentNoticesTable {
  id: string;
  communication_code: string;
  previous_code: string | null;
  /** INVIO | RETTIFICA | ANNULLAMENTO */
  communication_type: string;
  /** AVV | PRO | TRA | CES */
  event_type: string;
  sent_on: CalendarDate;
  employer_tax_code: string;
  employer_name: string;
  employer_ateco_code: string | null;
  workplace_istat_code: string | null;
  worker_tax_code: string;
  worker_family_name: string;
  worker_given_name: string;
  worker_sex: string | null;
  worker_birth_date: CalendarDate | null;
  worker_birthplace_code: string | null;
  worker_citizenship: string | null;
  job_start: CalendarDate;
  planned_end: CalendarDate | null;
  contract_type: string | null;
  ccnl: string | null;
  occupation_code: string | null;
  working_time: string | null;
  weekly_hours: Numeric;
  annual_pay: Numeric;
  extension_end: CalendarDate | null;
  conversion_date: CalendarDate | null;
  conversion_code: string | null;
  termination_date: CalendarDate | null;
  termination_cause: string | null;
  content_hash: string;
  person_id: string | null;
  linked_at: Timestamp | null;
  import_run_id: string | null;
  source_line: number | null;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** What only notices import runs have, beside their row in import_runs. */
export interface NoticeImportRunsTable {
  run_id: string;
  people_recomputed: ColumnType<number, number | undefined, number>;
  account_id: string | null;
  source_name: string;
  /** The whole file has been read (its last batch committed); what is left is the recompute phase. */
  file_read: ColumnType<boolean, boolean | undefined, boolean>;
}

/** People whose timelines a run must still recompute, by recompute chunk (migration 0013). */
export interface NoticeImportPendingTable {
  run_id: string;
  chunk: number;
  person_ids: string[];
}

/** The people a committed batch changed, until the run's last batch turns them into notice_import_pending (migration 0012). */
export interface NoticeImportBatchPeopleTable {
  run_id: string;
  last_line: number;
  person_ids: string[];
}

/** Kysely table types owned by the notices module (UNILAV employment notices); merged into the Database interface in src/platform/db/schema.ts. */
export interface NoticesTables {
  employment_notices: EmploymentNoticesTable;
  notice_import_runs: NoticeImportRunsTable;
  notice_import_pending: NoticeImportPendingTable;
  notice_import_batch_people: NoticeImportBatchPeopleTable;
}
