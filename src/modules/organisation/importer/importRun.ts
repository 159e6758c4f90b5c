import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/ids.ts';
import { type ColumnIndex, type ColumnSpec, type CsvRecord, inspectCsvFile, pickCells, readCsvRecords, resolveColumns } from './csvSource.ts';
import { ImportFileError, ImportInterruptedError } from './errors.ts';
import type { ImportKind, ImportOptions, ImportReport } from './types.ts';

/** What a row check decides before touching the database. */
export type RowCheck<Row> = { row: Row } | { skip: true } | { reject: string };
/** What writing a checked row decided (some rejections need the database, e.g. an unknown comune). */
export type RowResult = 'applied' | 'skipped' | { reject: string };

export interface PendingRow<Row> {
  line: number;
  row: Row;
}

export interface ImportSpec<K extends string, Row> {
  kind: ImportKind;
  columns: readonly ColumnSpec<K>[];
  /**
   * Pure row check. It runs on every record, also those committed before a resume, so any state it
   * keeps (duplicate detection) is the same whether the file is imported in one go or in several.
   */
  check(values: Record<K, string>, line: number): RowCheck<Row>;
  /** Writes one batch inside its transaction; returns one result per row, in order. */
  apply(trx: Db, rows: PendingRow<Row>[]): Promise<RowResult[]>;
}

export interface ImportSource {
  file: string;
  /** Name shown in reports and stored with the run (default: the file name). */
  name?: string;
  /** Other inputs that change the outcome (coordinates file hash, region filter, agency): part of the run key. */
  variant?: Record<string, string>;
}

const DEFAULT_BATCH_SIZE = 500;

interface RunState {
  id: string;
  lastLine: number;
  applied: number;
  skipped: number;
  rejected: number;
}

interface BatchEntry<Row> {
  line: number;
  endLine: number;
  raw: string;
  check: RowCheck<Row>;
}

/**
 * Imports one CSV file through a spec: a run in `import_runs` keyed by (kind, sha256 of the inputs),
 * batches committed together with the run's `last_line`, so a rerun after a crash resumes where the
 * last commit stopped and a rerun after completion is a no-op unless forced.
 */
export async function runImport<K extends string, Row>(
  db: Db,
  spec: ImportSpec<K, Row>,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const info = await inspectCsvFile(source.file);
  const sourceName = source.name ?? basename(source.file);
  const key = runKey(info.sha256, source.variant);
  const existing = await db.selectFrom('import_runs').selectAll().where('kind', '=', spec.kind).where('source_sha256', '=', key).executeTakeFirst();
  if (existing?.status === 'completed' && !options.force) {
    return reportFor(db, spec.kind, existing.id, 'already-imported');
  }
  if (options.signal?.aborted) throw new ImportInterruptedError(existing?.last_line ?? 0);

  const records = readCsvRecords(info);
  try {
    const header = (await records.next()).value as CsvRecord | undefined;
    if (!header) throw new ImportFileError(`File vuoto: manca la riga di intestazione (${sourceName})`);
    const index = resolveColumns(header.cells, spec.columns);
    const run = await openRun(db, spec.kind, sourceName, key, existing, options.force === true);
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const total = info.dataRecords;
    let done = run.applied + run.skipped + run.rejected;
    await options.onProgress?.(done, Math.max(total, done));

    let batch: BatchEntry<Row>[] = [];
    const flush = async (final: boolean) => {
      const lastLine = batch.at(-1)?.endLine ?? run.lastLine;
      const counts = await commitBatch(db, spec, run, batch, lastLine, final);
      run.lastLine = lastLine;
      run.applied += counts.applied;
      run.skipped += counts.skipped;
      run.rejected += counts.rejected;
      done += batch.length;
      batch = [];
      await options.onProgress?.(done, Math.max(total, done));
      if (!final && options.signal?.aborted) throw new ImportInterruptedError(lastLine);
    };

    for await (const record of records) {
      const check = checkRecord(spec, record, header.cells.length, index);
      if (record.endLine <= run.lastLine) continue; // committed by an earlier, interrupted run
      batch.push({ line: record.line, endLine: record.endLine, raw: record.raw, check });
      if (batch.length >= batchSize) await flush(false);
    }
    await flush(true);
    return reportFor(db, spec.kind, run.id, 'completed');
  } finally {
    await records.return(undefined);
  }
}

function checkRecord<K extends string, Row>(spec: ImportSpec<K, Row>, record: CsvRecord, columns: number, index: ColumnIndex<K>): RowCheck<Row> {
  if (record.cells.every((cell) => cell.trim() === '')) return { skip: true };
  if (record.cells.length !== columns) {
    return { reject: `numero di colonne errato: attese ${columns}, trovate ${record.cells.length}` };
  }
  return spec.check(pickCells(record.cells, index), record.line);
}

async function commitBatch<K extends string, Row>(db: Db, spec: ImportSpec<K, Row>, run: RunState, batch: BatchEntry<Row>[], lastLine: number, final: boolean) {
  return db.transaction().execute(async (trx) => {
    const pending: PendingRow<Row>[] = [];
    for (const entry of batch) if ('row' in entry.check) pending.push({ line: entry.line, row: entry.check.row });
    const results = pending.length > 0 ? await spec.apply(trx, pending) : [];
    const counts = { applied: 0, skipped: 0, rejected: 0 };
    const rejections: { run_id: string; line: number; reason: string; raw: string }[] = [];
    let next = 0;
    for (const entry of batch) {
      const outcome: RowResult | RowCheck<Row> = 'row' in entry.check ? (results[next++] ?? 'applied') : entry.check;
      if (outcome === 'applied') counts.applied++;
      else if (outcome === 'skipped' || 'skip' in outcome) counts.skipped++;
      else if ('reject' in outcome) {
        counts.rejected++;
        rejections.push({ run_id: run.id, line: entry.line, reason: outcome.reject, raw: entry.raw });
      }
    }
    if (rejections.length > 0) {
      await trx
        .insertInto('import_rejections')
        .values(rejections)
        .onConflict((oc) => oc.columns(['run_id', 'line']).doNothing())
        .execute();
    }
    const [updated] = await trx
      .updateTable('import_runs')
      .set({
        last_line: lastLine,
        rows_applied: sql`rows_applied + ${counts.applied}`,
        rows_skipped: sql`rows_skipped + ${counts.skipped}`,
        rows_rejected: sql`rows_rejected + ${counts.rejected}`,
        ...(final
          ? {
              status: 'completed',
              finished_at: sql`now()`,
              rows_total: sql`rows_applied + rows_skipped + rows_rejected + ${batch.length}`,
            }
          : {}),
      })
      .where('id', '=', run.id)
      // Another process importing the same file moved the run on: stop rather than count rows twice.
      .where('last_line', '=', run.lastLine)
      .execute();
    if (!updated || updated.numUpdatedRows === 0n) {
      throw new ImportFileError('Lo stesso file è in corso di importazione in un altro processo: attendere che finisca');
    }
    return counts;
  });
}

async function openRun(
  db: Db,
  kind: ImportKind,
  sourceName: string,
  key: string,
  existing: { id: string; status: string; last_line: number; rows_applied: number; rows_skipped: number; rows_rejected: number } | undefined,
  force: boolean,
): Promise<RunState> {
  if (existing && existing.status !== 'completed' && !force) {
    return {
      id: existing.id,
      lastLine: existing.last_line,
      applied: existing.rows_applied,
      skipped: existing.rows_skipped,
      rejected: existing.rows_rejected,
    };
  }
  if (existing) {
    await db.transaction().execute((trx) => restartRun(trx, existing.id, sourceName));
    return { id: existing.id, lastLine: 0, applied: 0, skipped: 0, rejected: 0 };
  }
  await db
    .insertInto('import_runs')
    .values({ id: newId(), kind, source_name: sourceName, source_sha256: key, status: 'running' })
    .onConflict((oc) => oc.columns(['kind', 'source_sha256']).doNothing())
    .execute();
  // Re-read: a process that started the same import a moment earlier owns the row (see commitBatch).
  const run = await db.selectFrom('import_runs').selectAll().where('kind', '=', kind).where('source_sha256', '=', key).executeTakeFirstOrThrow();
  return {
    id: run.id,
    lastLine: run.last_line,
    applied: run.rows_applied,
    skipped: run.rows_skipped,
    rejected: run.rows_rejected,
  };
}

async function reportFor(db: Db, kind: ImportKind, runId: string, status: ImportReport['status']): Promise<ImportReport> {
  const run = await db.selectFrom('import_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  const rejected = await db.selectFrom('import_rejections').select(['line', 'reason']).where('run_id', '=', runId).orderBy('line').execute();
  return {
    kind,
    source: run.source_name,
    status,
    total: run.rows_total,
    applied: run.rows_applied,
    skipped: run.rows_skipped,
    rejected,
  };
}

/** The file's sha256, combined with the other inputs when there are any. */
export function runKey(fileSha256: string, variant: Record<string, string> | undefined): string {
  const entries = Object.entries(variant ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return fileSha256;
  return createHash('sha256')
    .update([fileSha256, ...entries.map(([k, v]) => `${k}=${v}`)].join('\n'))
    .digest('hex');
}

/** A forced rerun of a completed file: its rejections go, its counters start again (runs in the caller's transaction). */
export async function restartRun(db: Db, runId: string, sourceName: string): Promise<void> {
  await db.deleteFrom('import_rejections').where('run_id', '=', runId).execute();
  await db
    .updateTable('import_runs')
    .set({
      source_name: sourceName,
      status: 'running',
      rows_total: 0,
      rows_applied: 0,
      rows_skipped: 0,
      rows_rejected: 0,
      last_line: 0,
      started_at: sql`now()`,
      finished_at: null,
    })
    .where('id', '=', runId)
    .execute();
}
