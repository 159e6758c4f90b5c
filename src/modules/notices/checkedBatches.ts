/**
 * Reading and checking a notices file, in a worker thread when the file has more than one batch (readerWorker.ts), so
 * that the importer's thread only talks to the database and computes timelines: on a million rows, parsing and
 * checking is a third of the work. A file of one batch is read in the importer's thread (no overlap to gain; a thread
 * costs a fifth of a second to start).
 *
 * The reader sends the checked rows in batches, at most AHEAD batches before the importer takes them (memory stays
 * bounded whatever the file's size); the importer commits them in order, so a crash loses nothing the database has.
 */
import { Worker } from 'node:worker_threads';
import { ImportFileError } from '../organisation/importer/errors.ts';
import { noticeCopyFields } from './copyFormat.ts';
import { type NoticeCsvRecord, type NoticesFileInfo, readNoticeRecords } from './csvReader.ts';
import { type NoticeFacts, noticeFacts } from './model.ts';
import { cellReader, checkNoticeRecord, resolveNoticeHeader } from './rows.ts';

/**
 * One record of the file, checked: rejected with its reason, or accepted with what the importer needs of it — the
 * facts the batch logic and the rules read, the content hash, and every column after the id in COPY text format
 * (copyFormat.ts). Only that crosses from the worker thread: the importer's thread never sees the whole row.
 */
export type CheckedEntry = {
  /** Physical line where the record starts (1 = header). */
  line: number;
  endLine: number;
  raw: string;
} & ({ reject: string } | { facts: NoticeFacts; hash: string; copy: string });

export interface ReaderOptions {
  info: NoticesFileInfo;
  /** The file's name in messages. */
  sourceName: string;
  /** Reference day for "sent in the future". */
  today: string;
  batchSize: number;
}

/** Batches the reader may send before the importer takes them. */
const AHEAD = 2;

export type ToReader = { kind: 'start'; afterLine: number } | { kind: 'ack' } | { kind: 'stop' };
export type FromReader =
  | { kind: 'header'; problem: string | null }
  | { kind: 'batch'; entries: CheckedEntry[]; final: boolean }
  | { kind: 'error'; fileError: boolean; message: string };

/** The reader's side of the conversation (a worker's parentPort, or a channel in the same thread). */
export interface ReaderPort {
  send(message: FromReader): void;
  onMessage(listener: (message: ToReader) => void): void;
}

/** Reads and checks the file, sending the header's verdict, then (once started) the batches. */
export async function produceCheckedBatches(options: ReaderOptions, port: ReaderPort): Promise<void> {
  let outstanding = 0;
  let stopped = false;
  let started: ((afterLine: number) => void) | null = null;
  let acked: (() => void) | null = null;
  const release = () => {
    const a = acked;
    acked = null;
    a?.();
  };
  port.onMessage((message) => {
    if (message.kind === 'start') started?.(message.afterLine);
    else if (message.kind === 'ack') {
      outstanding--;
      release();
    } else {
      stopped = true;
      started?.(Number.POSITIVE_INFINITY);
      release();
    }
  });
  const records = readNoticeRecords(options.info);
  try {
    let pending: NoticeCsvRecord[] = [];
    let next = 0;
    const nextRecord = async (): Promise<NoticeCsvRecord | undefined> => {
      while (next >= pending.length) {
        const chunk = await records.next();
        if (chunk.done) return undefined;
        pending = chunk.value;
        next = 0;
      }
      return pending[next++];
    };
    const header = await nextRecord();
    if (!header) return port.send({ kind: 'header', problem: `File vuoto: manca la riga di intestazione (${options.sourceName})` });
    const resolved = resolveNoticeHeader(header.cells);
    if ('missing' in resolved) {
      const missing = resolved.missing.map((m) => `«${m}»`).join(', ');
      return port.send({ kind: 'header', problem: `Intestazione non riconosciuta: mancano le colonne ${missing}` });
    }
    const afterLine = await new Promise<number>((resolve) => {
      started = resolve;
      port.send({ kind: 'header', problem: null });
    });
    const columns = header.cells.length;
    const readCells = cellReader(resolved.index);
    let batch: CheckedEntry[] = [];
    for (let record = await nextRecord(); record !== undefined && !stopped; record = await nextRecord()) {
      if (record.endLine <= afterLine) continue; // committed by an earlier, interrupted run
      if (record.cells.every((c) => c === '')) continue;
      const at = { line: record.line, endLine: record.endLine, raw: record.raw };
      if (record.cells.length !== columns) batch.push({ ...at, reject: `numero di colonne errato: attese ${columns}, trovate ${record.cells.length}` });
      else {
        const check = checkNoticeRecord(readCells(record.cells), options.today);
        if ('reject' in check) batch.push({ ...at, reject: check.reject });
        else batch.push({ ...at, facts: noticeFacts(check.row), hash: check.hash, copy: noticeCopyFields(check.row, check.hash, record.line) });
      }
      if (batch.length >= options.batchSize) {
        port.send({ kind: 'batch', entries: batch, final: false });
        batch = [];
        if (++outstanding >= AHEAD) await new Promise<void>((resolve) => (acked = resolve));
      }
    }
    if (!stopped) port.send({ kind: 'batch', entries: batch, final: true });
  } catch (error) {
    port.send({ kind: 'error', fileError: error instanceof ImportFileError, message: (error as Error).message ?? String(error) });
  } finally {
    await records.return(undefined); // closes the file
  }
}

export interface CheckedBatches {
  /** Starts reading the rows after `afterLine` (lines committed by an earlier run are skipped). */
  start(afterLine: number): void;
  /** The next batch; `final` with the last one (possibly empty). */
  next(): Promise<{ entries: CheckedEntry[]; final: boolean }>;
  close(): Promise<void>;
}

/**
 * Starts the reader and waits for the header: throws ImportFileError when the file is empty or lacks required
 * columns (nothing else done).
 */
export async function openCheckedBatches(options: ReaderOptions): Promise<CheckedBatches> {
  const inbox: FromReader[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const deliver = (message: FromReader) => {
    inbox.push(message);
    notify();
  };
  let post: (message: ToReader) => void;
  let stop: () => Promise<unknown>;
  if (options.info.dataRecords > options.batchSize) {
    const worker = new Worker(new URL('./readerWorker.ts', import.meta.url), { workerData: options });
    worker.on('message', deliver);
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      failure ??= new Error(`lettura del file interrotta (thread terminato con codice ${code})`);
      notify();
    });
    post = (message) => worker.postMessage(message);
    stop = () => {
      worker.removeAllListeners('exit');
      return worker.terminate();
    };
  } else {
    let listener: (message: ToReader) => void = () => {};
    post = (message) => queueMicrotask(() => listener(message));
    const producing = produceCheckedBatches(options, { send: (message) => queueMicrotask(() => deliver(message)), onMessage: (l) => (listener = l) });
    stop = () => {
      listener({ kind: 'stop' });
      return producing;
    };
  }
  const receive = async (): Promise<FromReader> => {
    for (;;) {
      const message = inbox.shift();
      if (message !== undefined) {
        if (message.kind === 'error') throw message.fileError ? new ImportFileError(message.message) : new Error(message.message);
        return message;
      }
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
  let closed: Promise<unknown> | null = null;
  const close = async () => {
    closed ??= stop();
    await closed;
  };
  try {
    const header = await receive();
    if (header.kind !== 'header') throw new Error('lettura del file: risposta inattesa');
    if (header.problem !== null) throw new ImportFileError(header.problem);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    start: (afterLine) => post({ kind: 'start', afterLine }),
    next: async () => {
      const message = await receive();
      if (message.kind !== 'batch') throw new Error('lettura del file: risposta inattesa');
      post({ kind: 'ack' });
      return { entries: message.entries, final: message.final };
    },
    close,
  };
}
