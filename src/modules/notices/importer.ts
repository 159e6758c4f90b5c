/**
 * Applies a file of UNILAV notices (the agreed CSV): streamed, checked row by row, written in batches, then the
 * timelines of the people concerned recomputed once each.
 *
 * Phase 1, reading: each batch is one transaction — the notices (one COPY, see insertNotices), one audit entry naming
 * the notices stored and the people they concern, the `notices.imported` event, the rejected rows, the people whose
 * timelines must be recomputed (notice_import_batch_people; the last batch turns them into notice_import_pending) and
 * the run's checkpoint. Two batch transactions are in flight (BatchOrder) while a worker thread reads and checks the
 * batches after them (checkedBatches.ts).
 * Phase 2, recompute: the pending people in chunks (RECOMPUTE_CHUNK), each chunk one transaction (the next chunk is
 * computed while the database writes the current one) — people locked as the people module's writes lock them, events
 * loaded in bulk (the facts of the notices this process stored come from memory), timelines computed, status_periods replaced with one
 * delete and one COPY, one audit entry naming the people whose status was recomputed, one
 * `employment-status.recomputed` event each, and the chunk deleted from the pending set. So every record changed is
 * named by exactly one audit entry of its own transaction: notices by their batch's entry, status periods by their
 * chunk's entry. A person touched by several batches is recomputed once per run.
 *
 * A rerun after a crash resumes after the last committed batch, or in the recompute phase (the run is keyed by the
 * file's sha256): no loss, no duplicate. The run is 'completed' only when no person is left pending. The same code
 * with the same content is a no-op; with other content it is rejected (a correction is a RETTIFICA).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../platform/access/actor.ts';
import type { AuditTrail } from '../../platform/audit/trail.ts';
import { romeDateOf } from '../../platform/dates.ts';
import { copyRows } from '../../platform/db/copy.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unitOfWork.ts';
import { newId } from '../../platform/ids.ts';
import { ImportFileError, ImportInterruptedError, restartRun } from '../organisation/index.ts';
import { recomputeStatusOfMany } from '../people/index.ts';
import { type CheckedEntry, openCheckedBatches } from './checkedBatches.ts';
import { inspectNoticesFile } from './csvReader.ts';
import type { NoticeFacts } from './model.ts';
import { analyzeNotices, insertNotices, type NoticeToInsert, peopleOfCodes, plannedNoticeRows, referringNotices, storedHashes } from './store.ts';

export const NOTICES_IMPORT_KIND = 'notices';
export const DEFAULT_NOTICE_BATCH_SIZE = 20_000;
/** People per transaction of the recompute phase. */
export const RECOMPUTE_CHUNK = 5000;

const recomputeChunkSize = (options: NoticeImportOptions) => Math.max(1, Math.floor(options.recomputeChunkSize ?? RECOMPUTE_CHUNK));

export interface NoticeImportDeps {
  db: Db;
  audit: AuditTrail;
}

/** A file on disk, or a stream (copied to a temporary file first: the run is keyed by the content's sha256). */
export type NoticeImportSource = { path: string; name?: string } | { stream: Readable; name: string };

export interface NoticeImportOptions {
  /** Who imports (null or absent: the command line). */
  actor?: Actor | null;
  ctx?: RequestContext;
  /** Called after each committed batch with data rows done and the file's total. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Rows per batch (default 20,000). */
  batchSize?: number;
  /** Stops after the batch in flight is committed, throwing ImportInterruptedError; rerun to resume. */
  signal?: AbortSignal;
  /** Process again a file that was already imported completely (every row then counts as a duplicate). */
  force?: boolean;
  /** People per transaction of the recompute phase (default RECOMPUTE_CHUNK); set when the file's last batch is read. */
  recomputeChunkSize?: number;
  /** Reference day for "sent in the future" (default: today in Rome). */
  today?: string;
}

export interface NoticeRejection {
  /** Physical line in the file (1 = header). */
  line: number;
  /** Italian, for whoever fixes the file. */
  reason: string;
}

export interface NoticeImportSummary {
  runId: string;
  /** 'already-imported': this exact file was imported completely before; nothing was done. 'running': not finished (in progress, or interrupted: rerun to resume). */
  status: 'completed' | 'already-imported' | 'running';
  source: string;
  /** Data rows in the file. */
  total: number;
  /** Notices stored. */
  applied: number;
  /** Rows whose code was already stored with the same content (no-op). */
  duplicates: number;
  rejected: NoticeRejection[];
  /** Timelines recomputed: the people whose notices the run changed (each once). */
  peopleRecomputed: number;
}

interface RunState {
  id: string;
  lastLine: number;
  /** The last batch is committed: only the recompute phase is left. */
  fileRead: boolean;
  /** Facts of the notices this process stored for the run, for the recompute phase (a resumed run reads the others back). */
  known: Map<string, NoticeFacts>;
  /** Previous codes claimed by this process's batches of the run, in file order: previous code → the notice that names it. */
  claimed: Map<string, string>;
}

/**
 * Imports a UNILAV notices CSV. Throws ImportFileError when the file cannot be imported at all (unreadable, header
 * without the required columns: nothing written), ImportInterruptedError after `signal` aborts.
 */
export async function importNoticesFile(deps: NoticeImportDeps, source: NoticeImportSource, options: NoticeImportOptions = {}): Promise<NoticeImportSummary> {
  if ('stream' in source) {
    const dir = await mkdtemp(join(tmpdir(), 'ponte-notices-'));
    const path = join(dir, 'upload.csv');
    try {
      await pipeline(source.stream, createWriteStream(path));
      return await importNoticesFile(deps, { path, name: source.name }, options);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const { db } = deps;
  const size = await stat(source.path).then(
    (st) => st.size,
    () => -1,
  );
  if (size === 0) throw new ImportFileError(`File vuoto: manca la riga di intestazione (${source.name ?? basename(source.path)})`);
  const info = await inspectNoticesFile(source.path);
  const sourceName = source.name ?? basename(source.path);
  const existing = await db
    .selectFrom('import_runs')
    .selectAll()
    .where('kind', '=', NOTICES_IMPORT_KIND)
    .where('source_sha256', '=', info.sha256)
    .executeTakeFirst();
  if (existing?.status === 'completed' && !options.force) return { ...(await noticeImportSummary(db, existing.id)), status: 'already-imported' };
  if (options.signal?.aborted) throw new ImportInterruptedError(existing?.last_line ?? 0);

  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_NOTICE_BATCH_SIZE);
  const today = options.today ?? romeDateOf();
  const reader = await openCheckedBatches({ info, sourceName, today, batchSize });
  try {
    const run = await openRun(db, sourceName, info.sha256, existing, options);
    const total = info.dataRecords;
    const counts = await db
      .selectFrom('import_runs')
      .select(['rows_applied', 'rows_skipped', 'rows_rejected'])
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    let done = counts.rows_applied + counts.rows_skipped + counts.rows_rejected;
    await options.onProgress?.(done, Math.max(total, done));

    if (!run.fileRead) {
      // Statistics taken when the table was (nearly) empty make the planner scan the whole table for a handful of
      // codes once it has grown (an index probe per code would do): refreshed once the first batch is in.
      // In the background: no batch waits for it (on PGlite it takes the one connection between two transactions).
      let analyzeAfterFirst = (await plannedNoticeRows(db)) < batchSize;
      let analyzing: Promise<void> = Promise.resolve();
      // Two batch transactions in flight (see BatchOrder): while one finishes, the next one looks up, copies and
      // registers its people; the worker reads and checks the batches after them meanwhile.
      const writes: Promise<void>[] = [];
      let previous: { codes: Set<string>; copied: Promise<void>; committed: Promise<void>; lastLine: number } = {
        codes: new Set(),
        copied: Promise.resolve(),
        committed: Promise.resolve(),
        lastLine: run.lastLine,
      };
      const flush = async (entries: CheckedEntry[], final: boolean) => {
        // Ids, COPY text and the facts kept for the recompute are prepared while the database writes the batches before.
        const parts = partition(run, entries);
        while (writes.length >= BATCHES_IN_FLIGHT) await writes.shift();
        if (!final && options.signal?.aborted) {
          await Promise.all(writes);
          throw new ImportInterruptedError(run.lastLine);
        }
        const lastLine = entries.at(-1)?.endLine ?? previous.lastLine;
        const codes = new Set(parts.candidates.map((c) => c.facts.communicationCode));
        const copiedHere = milestone();
        const order: BatchOrder = {
          sharesCodes: parts.candidates.some((c) => previous.codes.has(c.facts.communicationCode)),
          copyAfter: previous.copied,
          commitAfter: previous.committed,
          copied: copiedHere.resolve,
          expectedLastLine: previous.lastLine,
        };
        const writing = applyBatch(deps, run, entries, parts, lastLine, final, sourceName, options, order).then(
          async () => {
            if (analyzeAfterFirst) {
              analyzeAfterFirst = false;
              analyzing = analyzeNotices(db);
              analyzing.catch(() => {}); // awaited after the last batch
            }
            run.lastLine = lastLine;
            done += entries.length;
            await options.onProgress?.(done, Math.max(total, done));
          },
          (error: unknown) => {
            copiedHere.reject(error);
            throw error;
          },
        );
        writing.catch(() => {}); // awaited through `writes`; no unhandled rejection meanwhile
        writes.push(writing);
        previous = { codes, copied: copiedHere.promise, committed: writing, lastLine };
        if (final) while (writes.length > 0) await writes.shift();
      };
      try {
        reader.start(run.lastLine);
        for (let final = false; !final; ) {
          const batch = await reader.next();
          final = batch.final;
          await flush(batch.entries, final);
        }
        await analyzing;
      } catch (error) {
        await Promise.allSettled([...writes, analyzing]); // never leave a transaction running behind a failure
        throw error;
      }
    }
    await reader.close();
    await recomputePending(deps, run, sourceName, options);
    return noticeImportSummary(db, run.id);
  } finally {
    await reader.close();
  }
}

async function openRun(
  db: Db,
  sourceName: string,
  sha256: string,
  existing: { id: string; status: string; last_line: number } | undefined,
  options: NoticeImportOptions,
): Promise<RunState> {
  if (existing && existing.status !== 'completed') {
    const notices = await db.selectFrom('notice_import_runs').select('file_read').where('run_id', '=', existing.id).executeTakeFirst();
    return { id: existing.id, lastLine: existing.last_line, fileRead: notices?.file_read ?? false, known: new Map(), claimed: new Map() };
  }
  if (existing) {
    // Forced rerun of a completed file: counters start again, the notices stay (every row is now a duplicate).
    await inTransaction(db, async (tx) => {
      await restartRun(tx.db, existing.id, sourceName);
      await tx.db
        .updateTable('notice_import_runs')
        .set({ people_recomputed: 0, account_id: options.actor?.accountId ?? null, file_read: false })
        .where('run_id', '=', existing.id)
        .execute();
    });
    return { id: existing.id, lastLine: 0, fileRead: false, known: new Map(), claimed: new Map() };
  }
  const id = newId();
  await inTransaction(db, async (tx) => {
    const inserted = await tx.db
      .insertInto('import_runs')
      .values({ id, kind: NOTICES_IMPORT_KIND, source_name: sourceName, source_sha256: sha256, status: 'running' })
      .onConflict((oc) => oc.columns(['kind', 'source_sha256']).doNothing())
      .returning('id')
      .execute();
    if (inserted.length > 0) {
      await tx.db
        .insertInto('notice_import_runs')
        .values({ run_id: id, account_id: options.actor?.accountId ?? null, source_name: sourceName })
        .execute();
    }
  });
  // Re-read: a process that started the same import a moment earlier owns the row (see applyBatch's guard).
  const run = await db
    .selectFrom('import_runs')
    .leftJoin('notice_import_runs', 'notice_import_runs.run_id', 'import_runs.id')
    .select(['import_runs.id', 'import_runs.last_line', 'notice_import_runs.file_read'])
    .where('kind', '=', NOTICES_IMPORT_KIND)
    .where('source_sha256', '=', sha256)
    .executeTakeFirstOrThrow();
  return { id: run.id, lastLine: run.last_line, fileRead: run.file_read ?? false, known: new Map(), claimed: new Map() };
}

/** A notice of the batch that may be stored, with the notice of this run that claimed the same previous code before it. */
type Candidate = NoticeToInsert & { raw: string; claimedBy?: string };

/**
 * Sorts a batch's checked rows into notices to insert (with their ids and COPY text; their facts kept for the
 * recompute phase), rejections, and rows to compare with what is stored. Needs no database.
 */
function partition(run: RunState, batch: readonly CheckedEntry[]) {
  const rejections: { line: number; reason: string; raw: string }[] = [];
  const candidates: Candidate[] = [];
  const firstByCode = new Map<string, NoticeToInsert>();
  const repeats: { line: number; raw: string; code: string; hash: string; first: NoticeToInsert }[] = [];
  for (const entry of batch) {
    if ('reject' in entry) {
      rejections.push({ line: entry.line, reason: entry.reject, raw: entry.raw });
      continue;
    }
    const { facts, hash } = entry;
    const first = firstByCode.get(facts.communicationCode);
    if (first) {
      repeats.push({ line: entry.line, raw: entry.raw, code: facts.communicationCode, hash, first });
      continue;
    }
    const candidate: Candidate = { id: newId(), line: entry.line, facts, hash, copyFields: entry.copy, raw: entry.raw };
    // A notice may be rectified or cancelled once: the first in file order claims it (the database is asked too, in applyBatch).
    if (facts.previousCode !== null) {
      candidate.claimedBy = run.claimed.get(facts.previousCode);
      if (candidate.claimedBy === undefined) run.claimed.set(facts.previousCode, facts.communicationCode);
    }
    // Harmless should the notice not be stored: only ids the database returns are looked up.
    run.known.set(candidate.id, facts);
    firstByCode.set(facts.communicationCode, candidate);
    candidates.push(candidate);
  }
  return { rejections, candidates, repeats };
}

/**
 * How a batch's transaction keeps its place when two are in flight. The one statement that may wait for rows the
 * other transaction writes, the notices' COPY, runs after the batch before's when the two share a code (a code sent
 * twice in the file; otherwise the two COPYs run together); the people each batch changed go in a row of its own. The
 * rest (audit entry, events, rejections, checkpoint) runs only once the batch before has committed (`commitAfter`). So
 * the earlier transaction never waits for the later one: no deadlock, and batches commit in file order.
 */
interface BatchOrder {
  /** The batch before has a code of this one: copy after its COPY. */
  sharesCodes: boolean;
  copyAfter: Promise<void>;
  commitAfter: Promise<void>;
  copied: () => void;
  /** The run's checkpoint the batch before leaves. */
  expectedLastLine: number;
}

const BATCHES_IN_FLIGHT = 2;

/** A point a batch reaches (or fails before), awaited by the batch after it. */
function milestone() {
  const point = Promise.withResolvers<void>();
  point.promise.catch(() => {}); // the next batch awaits it; no unhandled rejection meanwhile
  return point;
}

async function applyBatch(
  deps: NoticeImportDeps,
  run: RunState,
  batch: readonly CheckedEntry[],
  { rejections, candidates, repeats }: ReturnType<typeof partition>,
  lastLine: number,
  final: boolean,
  sourceName: string,
  options: NoticeImportOptions,
  order: BatchOrder,
): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    let duplicates = 0;
    for (const r of repeats) {
      if (r.hash === r.first.hash) duplicates++;
      else
        rejections.push({
          line: r.line,
          reason: `codice_comunicazione ${r.code} già presente alla riga ${r.first.line} con contenuto diverso (una correzione si invia come RETTIFICA)`,
          raw: r.raw,
        });
    }

    // Codes already stored are found by the insert itself (ON CONFLICT DO NOTHING): only the rows it skips are then
    // compared with what is stored (one index probe per row saved on large files). Rectifications and cancellations
    // are compared first, since a stored code must not claim the notice it names again.
    const differs = (c: { line: number; facts: NoticeFacts; raw: string }) =>
      rejections.push({
        line: c.line,
        reason: `comunicazione ${c.facts.communicationCode} già ricevuta con contenuto diverso: una correzione si invia come RETTIFICA con un nuovo codice`,
        raw: c.raw,
      });
    const stored = await storedHashes(
      tx.db,
      candidates.filter((c) => c.facts.previousCode !== null).map((c) => c.facts.communicationCode),
    );
    // A notice may be rectified or cancelled once: a second notice naming the same previous code is refused.
    const previousCodes = candidates
      .filter((c) => c.facts.previousCode !== null && !stored.has(c.facts.communicationCode))
      .map((c) => c.facts.previousCode as string);
    const referring = await referringNotices(tx.db, previousCodes);
    const toInsert: Candidate[] = [];
    for (const c of candidates) {
      const storedHash = stored.get(c.facts.communicationCode);
      if (storedHash !== undefined) {
        if (storedHash === c.hash) duplicates++;
        else differs(c);
        continue;
      }
      const previous = c.facts.previousCode;
      if (previous !== null) {
        // Stored before, or claimed earlier in this run (by a batch that may not have committed yet).
        const by = referring.get(previous) ?? c.claimedBy;
        if (by !== undefined && by !== c.facts.communicationCode) {
          rejections.push({
            line: c.line,
            reason: `la comunicazione ${previous} è già stata rettificata o annullata dalla comunicazione ${by}`,
            raw: c.raw,
          });
          continue;
        }
      }
      toInsert.push(c);
    }

    // A code also in the batch before (in flight): wait for its COPY, so that neither waits for the other's rows.
    if (order.sharesCodes) await order.copyAfter;
    let inserted: Awaited<ReturnType<typeof insertNotices>>;
    try {
      inserted = await insertNotices(tx, run.id, toInsert);
    } finally {
      order.copied();
    }
    // Rows skipped by the insert: their code is stored (before this run, or by a concurrent import): same content → no-op.
    if (inserted.length < toInsert.length) {
      const insertedCodes = new Set(inserted.map((i) => i.communication_code));
      const skipped = toInsert.filter((n) => !insertedCodes.has(n.facts.communicationCode));
      const now = await storedHashes(
        tx.db,
        skipped.map((n) => n.facts.communicationCode),
      );
      for (const n of skipped) {
        if (now.get(n.facts.communicationCode) === n.hash) duplicates++;
        else differs(n);
      }
    }

    const insertedCodes = new Set(inserted.map((i) => i.communication_code));
    const referred = toInsert
      .filter((n) => insertedCodes.has(n.facts.communicationCode) && n.facts.previousCode !== null)
      .map((n) => n.facts.previousCode as string);
    const affected = [...new Set([...inserted.flatMap((i) => (i.person_id ? [i.person_id] : [])), ...(await peopleOfCodes(tx.db, referred))])].sort();
    if (affected.length > 0) {
      // Their timelines are recomputed in the recompute phase, once per run (recomputePending): one row per batch.
      await sql`insert into notice_import_batch_people (run_id, last_line, person_ids) values (${run.id}, ${lastLine}, ${affected}::uuid[])`.execute(tx.db);
    }
    await order.commitAfter;
    const firstLine = batch[0]?.line ?? lastLine;
    if (inserted.length > 0) {
      await deps.audit.record(
        tx,
        { actor: options.actor ?? null, ctx: options.ctx ?? { ip: null, requestId: `cli-${process.pid}` } },
        {
          action: 'write',
          recordType: 'employment_notice',
          recordIds: inserted.map((i) => i.id),
          subjectPersonIds: affected,
          // The notices stored (records) and whose they are (subjects); their status periods are named by the entry of the recompute chunk that rewrites them.
          fields: ['employmentNotices'],
          purpose: `importazione comunicazioni obbligatorie ${sourceName}, righe ${firstLine}–${lastLine}`,
        },
      );
      await tx.db
        .insertInto('outbox')
        .values({
          id: newId(),
          topic: 'notices.imported',
          aggregate_id: run.id,
          payload: JSON.stringify({
            runId: run.id,
            applied: inserted.length,
            people: affected.length,
            firstLine,
            lastLine,
            duplicates,
            rejected: rejections.length,
          }),
        })
        .execute();
    }
    if (rejections.length > 0) {
      await tx.db
        .insertInto('import_rejections')
        .values(rejections.map((r) => ({ run_id: run.id, line: r.line, reason: r.reason, raw: r.raw })))
        .onConflict((oc) => oc.columns(['run_id', 'line']).doNothing())
        .execute();
    }
    const updated = await tx.db
      .updateTable('import_runs')
      .set({
        last_line: lastLine,
        rows_applied: sql`rows_applied + ${inserted.length}`,
        rows_skipped: sql`rows_skipped + ${duplicates}`,
        rows_rejected: sql`rows_rejected + ${rejections.length}`,
        ...(final ? { rows_total: sql`rows_applied + rows_skipped + rows_rejected + ${batch.length}` } : {}),
      })
      .where('id', '=', run.id)
      // Another process importing the same file moved the run on: stop rather than count rows twice.
      .where('last_line', '=', order.expectedLastLine)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new ImportFileError('Lo stesso file è in corso di importazione in un altro processo: attendere che finisca');
    if (final) {
      // Every batch before has committed (commitAfter): the people of all of them, once each, in the recompute phase's chunks.
      await sql`insert into notice_import_pending (run_id, chunk, person_ids)
        select ${run.id}::uuid, chunk, array_agg(person_id order by person_id)
        from (select person_id, (row_number() over (order by person_id) - 1) / ${recomputeChunkSize(options)}::int as chunk
              from (select distinct unnest(person_ids) as person_id from notice_import_batch_people where run_id = ${run.id}) people) numbered
        group by chunk`.execute(tx.db);
      await tx.db.deleteFrom('notice_import_batch_people').where('run_id', '=', run.id).execute();
      await tx.db.updateTable('notice_import_runs').set({ file_read: true }).where('run_id', '=', run.id).execute();
    }
  });
}

/**
 * The recompute phase: the run's pending people, RECOMPUTE_CHUNK at a time, each chunk one transaction (see the top of
 * this file); then the run is completed. Resumable: a chunk leaves the pending set in the transaction that
 * recomputes it.
 */
async function recomputePending(deps: NoticeImportDeps, run: RunState, sourceName: string, options: NoticeImportOptions): Promise<void> {
  const { id: runId, lastLine } = run;
  const pending = await deps.db.selectFrom('notice_import_pending').select('chunk').where('run_id', '=', runId).orderBy('chunk').execute();
  // Two chunk transactions at most: the next one locks, loads and computes while the database writes the current one
  // (disjoint people; both take the audit and run locks in the same order; on PGlite they simply follow each other).
  let inFlight: Promise<void> = Promise.resolve();
  for (const { chunk } of pending) {
    if (options.signal?.aborted) {
      await inFlight;
      throw new ImportInterruptedError(lastLine);
    }
    const current = recomputeChunk(deps, run, chunk, sourceName, options);
    current.catch(() => {}); // awaited below; no unhandled rejection meanwhile
    try {
      await inFlight;
    } catch (error) {
      await current.catch(() => {});
      throw error;
    }
    inFlight = current;
  }
  await inFlight;
  await deps.db
    .updateTable('import_runs')
    .set({ status: 'completed', finished_at: sql`now()` })
    .where('id', '=', runId)
    .where('status', '<>', 'completed')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('notice_import_pending').select('chunk').where('run_id', '=', runId))))
    .execute();
}

/** One chunk of the recompute phase, in one transaction: see the top of this file. */
async function recomputeChunk(deps: NoticeImportDeps, run: RunState, chunk: number, sourceName: string, options: NoticeImportOptions): Promise<void> {
  const runId = run.id;
  await inTransaction(deps.db, async (tx) => {
    // Taking the chunk's row is the claim: a second process resuming the same run waits for it, then finds it gone.
    // Its people are locked as the people module's writes lock them (declarations, merges): no timeline is computed
    // from stale facts. A record merged into another since its notices arrived is left alone (the merge recomputed both).
    const { rows: locked } = await sql<{ id: string }>`with taken as (
        delete from notice_import_pending where run_id = ${runId} and chunk = ${chunk} returning person_ids)
      select p.id from people p where p.id in (select unnest(person_ids) from taken) and p.merged_into is null
      order by p.id for update of p`.execute(tx.db);
    const people = locked.map((p) => p.id);
    if (people.length === 0) return; // another process took this chunk, or nobody in it is left to recompute
    await recomputeStatusOfMany(tx, people, run.known);
    await deps.audit.record(
      tx,
      { actor: options.actor ?? null, ctx: options.ctx ?? { ip: null, requestId: `cli-${process.pid}` } },
      {
        action: 'write',
        recordType: 'person',
        recordIds: people,
        subjectPersonIds: people,
        fields: ['employmentStatus'],
        purpose: `ricalcolo dello stato occupazionale dopo l'importazione delle comunicazioni obbligatorie ${sourceName}`,
      },
    );
    await copyRows(
      tx.db,
      'outbox',
      ['id', 'topic', 'aggregate_id', 'payload'],
      people.map((personId) => [newId(), 'employment-status.recomputed', personId, JSON.stringify({ personId, cause: 'employment-notices', runId })]),
    );
    await tx.db
      .updateTable('notice_import_runs')
      .set({ people_recomputed: sql`people_recomputed + ${people.length}` })
      .where('run_id', '=', runId)
      .execute();
  });
}

/** The summary of a run: counts and every rejected row with its line and reason. */
export async function noticeImportSummary(db: Db, runId: string): Promise<NoticeImportSummary> {
  const run = await db
    .selectFrom('import_runs')
    .leftJoin('notice_import_runs', 'notice_import_runs.run_id', 'import_runs.id')
    .select([
      'import_runs.id',
      'import_runs.source_name',
      'import_runs.status',
      'import_runs.rows_total',
      'import_runs.rows_applied',
      'import_runs.rows_skipped',
      'import_runs.rows_rejected',
      'import_runs.last_line',
      'notice_import_runs.people_recomputed',
    ])
    .where('import_runs.id', '=', runId)
    .where('import_runs.kind', '=', NOTICES_IMPORT_KIND)
    .executeTakeFirstOrThrow();
  const rejected = await db.selectFrom('import_rejections').select(['line', 'reason']).where('run_id', '=', runId).orderBy('line').execute();
  return {
    runId: run.id,
    status: run.status === 'completed' ? 'completed' : 'running',
    source: run.source_name,
    total: run.status === 'completed' ? run.rows_total : run.rows_applied + run.rows_skipped + run.rows_rejected,
    applied: run.rows_applied,
    duplicates: run.rows_skipped,
    rejected,
    peopleRecomputed: run.people_recomputed ?? 0,
  };
}
