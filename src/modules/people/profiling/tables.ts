import type { CalendarDate, Timestamp } from '../../../platform/db/schema.ts';

/** Official profiling as received from the national labour-policy system (migration 0009). */
export interface PersonProfilingResultsTable {
  id: string;
  person_id: string;
  /** Disadvantage index in [0, 1]: the probability of not being employed (ANPAL). */
  profiling_index: number;
  profiling_class: string;
  reference_date: CalendarDate;
  source: string;
  received_at: Timestamp;
  /** Account that asked for the refresh (null when received by a background job or the demo seed). */
  received_by: string | null;
}

/** Kysely table types owned by the profiling (official index and local estimate); merged into the Database interface in src/platform/db/schema.ts. */
export interface ProfilingTables {
  person_profiling_results: PersonProfilingResultsTable;
}
