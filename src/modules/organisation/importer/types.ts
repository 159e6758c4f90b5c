export type ImportKind = 'municipalities' | 'job-centres' | 'competence';

export interface ImportRejection {
  /** Physical line in the file (1 = header), as an editor shows it. */
  line: number;
  /** Italian, for the person who fixes the file. */
  reason: string;
}

export interface ImportReport {
  kind: ImportKind;
  /** File name (for municipalities with coordinates: both names). */
  source: string;
  /** 'already-imported': the same file was fully imported before; nothing was done ("già importato"). */
  status: 'completed' | 'already-imported';
  total: number;
  applied: number;
  /** Rows left out on purpose: another region, an office closed in the past, a blank row. */
  skipped: number;
  rejected: ImportRejection[];
}

/** Called after each committed batch (awaited); `done` counts data rows (applied + skipped + rejected). */
export type ProgressCallback = (done: number, total: number) => void | Promise<void>;

export interface ImportOptions {
  /** Import again even if this exact file was already imported. */
  force?: boolean;
  /** Rows per transaction (default 500). A crash loses at most the batch in flight. */
  batchSize?: number;
  onProgress?: ProgressCallback;
  /** Stops after the batch in flight is committed, throwing ImportInterruptedError; rerun to resume. */
  signal?: AbortSignal;
}

export interface MunicipalityImportOptions extends ImportOptions {
  /** CSV with codice_istat, lat, lon (blank = unknown): fills latitude/longitude. */
  coordinatesFile?: string;
  /** Two-digit ISTAT region code (e.g. '09' Tuscany): rows of other regions are skipped. */
  regionCode?: string;
}

export interface JobCentreImportOptions extends ImportOptions {
  /** The agency the job centres belong to (agencies.id). */
  agencyId: string;
  /** Reference day for "closed in the past" (default: today), 'YYYY-MM-DD'. */
  today?: string;
}

export type CompetenceImportOptions = ImportOptions;
