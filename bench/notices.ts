import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { loadPopulation, loadReferenceData, NOTICES_FILE, PEOPLE_FILE, writePopulation } from '../src/demo/population/index.ts';
import { importAteco, importClassificationFixtures, importCp2011, sharedClassificationSources } from '../src/modules/classifications/index.ts';
import { importNoticesFile, type NoticeImportSummary } from '../src/modules/notices/index.ts';
import { ensureAgency, importFixture, importTuscanyFromSharedData } from '../src/modules/organisation/index.ts';
import { FileHeadsSink } from '../src/platform/audit/heads.ts';
import { AuditTrail } from '../src/platform/audit/trail.ts';
import { progressReporter } from '../src/platform/cli/progress.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

/**
 * UNILAV notices import (issue 3): BENCH_NOTICES notices (default 1,000,000) applied to BENCH_PEOPLE people (default
 * 300,000) on PostgreSQL — stored, deduplicated, every affected timeline recomputed, audit entry and domain events per
 * batch — side by side, in the same run and on the same database, with a plain `COPY … FROM STDIN` of the same file
 * (read through the client, as the importer reads it) into a staging table with the same columns, all text.
 * Targets: import ≤ 60 s and ≤ 4× the plain COPY.
 *
 * Preparation, not timed: a fresh database; Tuscan municipalities/job centres and CP2011/ATECO from ../shared/data
 * (fixtures when absent — printed); the synthetic population (seed BENCH_SEED, default 1) generated once into a cache
 * folder under var/bench/ keyed by the options and reused by later runs; the people loaded (without professional
 * profiles: the notices import does not read them, and loading them takes minutes); ANALYZE; CHECKPOINT before each
 * timed step; the file read once so that both steps find it in the page cache.
 *
 * `node bench/notices.ts` alone, or from bench/run.ts. Needs PONTE_TEST_PG_URL (an admin URL: a scratch database is
 * created and dropped; BENCH_KEEP_DB=1 keeps it for inspection). BENCH_PROFILE=1 also times every SQL statement of the
 * import by its text (client side: round trip included) to show where the time goes; BENCH_AUTO_EXPLAIN=<ms> logs the
 * plans of slower statements of the scratch database (auto_explain) in the server's log.
 */

export const TARGET_SECONDS = 60;
export const TARGET_RATIO = 4;

export interface NoticesBenchResult {
  notices: number;
  people: number;
  copySeconds: number;
  importSeconds: number;
  ratio: number;
  /** Storing only the rows the import stored (see storageFloor), and its ratio to the plain COPY. */
  floorSeconds: number;
  floorRatio: number;
  summary: NoticeImportSummary;
  pass: { seconds: boolean; ratio: boolean };
}

const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name}: un numero intero positivo`);
  return n;
};

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number) => n.toLocaleString('it-IT');
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A scratch database on the server of PONTE_TEST_PG_URL, with its URL (the COPY needs a plain client). */
async function scratchDatabase(): Promise<{ handle: DatabaseHandle; url: string; name: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.PONTE_TEST_PG_URL as string;
  const name = `ponte_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const explainMs = Number(process.env.BENCH_AUTO_EXPLAIN);
  if (explainMs > 0) {
    // Plans (with actual times) of the statements slower than this, in the server's log; this database only.
    await admin.query(`alter database ${name} set session_preload_libraries = 'auto_explain'`);
    await admin.query(`alter database ${name} set auto_explain.log_min_duration = ${Math.floor(explainMs)}`);
    await admin.query(`alter database ${name} set auto_explain.log_analyze = on`);
    await admin.query(`alter database ${name} set auto_explain.log_triggers = on`);
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 5 });
  const drop = async () => {
    await handle.close();
    if (process.env.BENCH_KEEP_DB === '1') {
      console.log(`Database conservato (BENCH_KEEP_DB=1): ${name}`);
      return;
    }
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
  return { handle, url: url.toString(), name, drop };
}

/** Geography and the classifications the generator draws from; says where they came from. */
async function referenceData(handle: DatabaseHandle, sharedDataDir: string | null): Promise<string> {
  const db = handle.db;
  const agency = await ensureAgency(db);
  const sources = sharedDataDir ? sharedClassificationSources(sharedDataDir) : null;
  const parts: string[] = [];
  const geography = sharedDataDir && ['istat-comuni', 'centri-per-impiego'].every((d) => existsSync(join(sharedDataDir, d)));
  if (geography) {
    await importTuscanyFromSharedData(db, sharedDataDir, agency);
    parts.push(`comuni e CPI toscani da ${sharedDataDir}`);
  } else {
    await importFixture(db, agency);
    parts.push('comuni e CPI: FIXTURE (../shared/data assente)');
  }
  if (sources && existsSync(sources.cp2011) && existsSync(sources.ateco)) {
    await importCp2011(db, sources.cp2011);
    await importAteco(db, sources.ateco);
    parts.push('CP2011 e ATECO 2007 reali');
  } else {
    await importClassificationFixtures(db);
    parts.push('CP2011 e ATECO: FIXTURE (../shared/data assente)');
  }
  return parts.join('; ');
}

/** sha256 of the generator's own source: a changed generator makes a new cache entry. */
function generatorFingerprint(): string {
  const dir = fileURLToPath(new URL('../src/demo/population/', import.meta.url));
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) if (file.endsWith('.ts')) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

/**
 * The population for these options, generated once into var/bench/ (or BENCH_CACHE_DIR) and reused. Profiles are not
 * generated (profileShare 0): each person's profile is drawn last from their own random stream, so people.csv and
 * notices.csv are the same as `ponte generate population` writes with the same seed and reference data.
 */
async function population(handle: DatabaseHandle, options: { people: number; notices: number; seed: number }): Promise<{ dir: string; cached: boolean }> {
  const reference = await loadReferenceData(handle.db);
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        ...options,
        profileShare: 0,
        source: reference.source,
        municipalities: reference.municipalities.map((m) => m.istatCode),
        occupations: reference.occupations.length,
        sectors: reference.sectors.length,
        generator: generatorFingerprint(),
      }),
    )
    .digest('hex')
    .slice(0, 12);
  const root = resolve(process.env.BENCH_CACHE_DIR ?? fileURLToPath(new URL('../var/bench/', import.meta.url)));
  const dir = join(root, `population-${options.people}-${options.notices}-s${options.seed}-${key}`);
  if (existsSync(join(dir, 'complete.json'))) return { dir, cached: true };
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const progress = progressReporter('Popolazione sintetica', { stream: process.stderr });
  const started = performance.now();
  const summary = await writePopulation(reference, partial, { ...options, profileShare: 0, onProgress: (d, t) => progress.update(d, t, 'Generazione') });
  progress.stop();
  writeFileSync(
    join(partial, 'complete.json'),
    `${JSON.stringify({ options, reference: reference.source, seconds: round((performance.now() - started) / 1000), summary }, null, 2)}\n`,
  );
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { dir, cached: false };
}

/** The header of a `;` CSV file: its column names. */
async function firstLine(file: string): Promise<string[]> {
  let head = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 4096 })) {
    head += chunk as string;
    if (head.includes('\n')) break;
  }
  return head
    .slice(0, head.indexOf('\n'))
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(';')
    .map((c) => c.replace(/^"|"$/g, ''));
}

/** Peak resident set size of this process while `work` runs (sampled every 100 ms). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds (user + system) used so far by the server processes serving a database (Linux /proc; null elsewhere). */
async function serverCpu(admin: pg.Client, database: string): Promise<Map<number, number> | null> {
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      return null;
    }
  }
  return out;
}

const cpuDelta = (before: Map<number, number> | null, after: Map<number, number> | null): number | null =>
  before && after ? [...after].reduce((s, [pid, cpu]) => s + cpu - (before.get(pid) ?? 0), 0) : null;

async function walBytes(admin: pg.Client): Promise<bigint> {
  const { rows } = await admin.query<{ lsn: string }>(`select (pg_current_wal_lsn() - '0/0'::pg_lsn)::text as lsn`);
  return BigInt(rows[0]?.lsn ?? '0');
}

interface Measured {
  seconds: number;
  clientCpu: number;
  serverCpu: number | null;
  wal: number;
  peakRss: number;
}

/** Times `work`, with this process's CPU, the server's CPU for the database, the WAL written and the peak RSS. */
async function measure<T>(admin: pg.Client, database: string, work: () => Promise<T>): Promise<{ result: T } & Measured> {
  await admin.query('checkpoint');
  const walBefore = await walBytes(admin);
  const serverBefore = await serverCpu(admin, database);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { result, peakRss } = await withPeakRss(work);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await serverCpu(admin, database);
  const wal = Number((await walBytes(admin)) - walBefore);
  return { result, seconds, clientCpu: (cpu.user + cpu.system) / 1e6, serverCpu: cpuDelta(serverBefore, serverAfter), wal, peakRss };
}

/** The baseline: the same file through the client into a staging table with the file's columns, all text. */
async function plainCopy(url: string, file: string, header: string[], admin: pg.Client, database: string): Promise<Measured & { rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = header.map((c) => `"${c.replaceAll('"', '""')}" text`).join(', ');
    await client.query(`create table notices_staging (${columns})`);
    const measured = await measure(admin, database, () =>
      pipeline(createReadStream(file), client.query(copyFrom(`copy notices_staging from stdin with (format csv, delimiter ';', header true)`))),
    );
    const { rows } = await client.query<{ n: string }>('select count(*)::text as n from notices_staging');
    return { ...measured, rows: Number(rows[0]?.n ?? 0) };
  } finally {
    await client.end();
  }
}

/**
 * The floor under any importer with these tables: the rows the import stored (its notices and status periods), copied
 * out and `COPY`ed back into tables like theirs — same typed columns, checks and indexes, no triggers — with nothing
 * read from the CSV, checked, looked up or computed, no audit entry and no event. An importer cannot take less than
 * this; a target below it is out of reach of the schema, whatever the code does.
 */
async function storageFloor(url: string, admin: pg.Client, database: string): Promise<Measured & { rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dir = await mkdtemp(join(tmpdir(), 'ponte-bench-floor-'));
  const tables = ['employment_notices', 'status_periods'] as const;
  try {
    let rows = 0;
    for (const table of tables) {
      const out = client.query(copyTo(`copy ${table} to stdout`));
      await pipeline(out, createWriteStream(join(dir, table)));
      rows += out.rowCount;
      await client.query(`create table floor_${table} (like ${table} including all)`);
    }
    for (const table of tables) for await (const chunk of createReadStream(join(dir, table))) void chunk; // into the page cache
    const measured = await measure(admin, database, async () => {
      for (const table of tables) await pipeline(createReadStream(join(dir, table)), client.query(copyFrom(`copy floor_${table} from stdin`)));
    });
    for (const table of tables) await client.query(`drop table floor_${table}`);
    return { ...measured, rows };
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** BENCH_PROFILE=1: every statement the pg clients run, timed by its text (first 90 characters, whitespace folded). */
function statementProfiler(): { stop: () => { statement: string; calls: number; seconds: number }[] } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const stats = new Map<string, { calls: number; ms: number }>();
  proto.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
    const result = original.apply(this, args);
    if (typeof text !== 'string' || !(result instanceof Promise)) return result;
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const started = performance.now();
    const record = () => {
      const s = stats.get(key) ?? { calls: 0, ms: 0 };
      s.calls++;
      s.ms += performance.now() - started;
      stats.set(key, s);
    };
    return result.then(
      (value) => {
        record();
        return value;
      },
      (error: unknown) => {
        record();
        throw error;
      },
    );
  };
  return {
    stop: () => {
      proto.query = original;
      return [...stats].map(([statement, s]) => ({ statement, calls: s.calls, seconds: round(s.ms / 1000, 2) })).sort((a, b) => b.seconds - a.seconds);
    },
  };
}

export async function benchNotices(): Promise<NoticesBenchResult | null> {
  if (!process.env.PONTE_TEST_PG_URL) {
    console.log('\n## Comunicazioni UNILAV: saltato — serve PostgreSQL (PONTE_TEST_PG_URL)');
    return null;
  }
  const options = { people: int('BENCH_PEOPLE', 300_000), notices: int('BENCH_NOTICES', 1_000_000), seed: int('BENCH_SEED', 1) };
  const batchSize = process.env.BENCH_BATCH_SIZE ? int('BENCH_BATCH_SIZE', 5000) : undefined;
  const sharedDataDir = loadConfig().sharedDataDir;
  console.log(
    `\n## Comunicazioni UNILAV: ${fmt(options.notices)} comunicazioni applicate a ${fmt(options.people)} persone (PostgreSQL) e COPY semplice dello stesso file`,
  );
  console.log(`Node ${process.version}, ${cpus().length} core, carico medio all'avvio ${load()}`);

  const scratch = await scratchDatabase();
  const admin = new pg.Client({ connectionString: process.env.PONTE_TEST_PG_URL });
  await admin.connect();
  try {
    const prepStarted = performance.now();
    await migrate(scratch.handle.db);
    const source = await referenceData(scratch.handle, sharedDataDir);
    console.log(`Dati di riferimento: ${source}`);
    const generationStarted = performance.now();
    const { dir, cached } = await population(scratch.handle, options);
    console.log(
      `Popolazione (seme ${options.seed}, senza profili): ${dir} — ${cached ? 'dalla cache' : `generata in ${round((performance.now() - generationStarted) / 1000)} s`}`,
    );
    // Only people.csv: loadPopulation loads profiles.jsonl when the folder has one, and the import does not read them.
    const peopleDir = await mkdtemp(join(tmpdir(), 'ponte-bench-people-'));
    symlinkSync(join(dir, PEOPLE_FILE), join(peopleDir, PEOPLE_FILE));
    const progress = progressReporter('Caricamento', { stream: process.stderr });
    const loadStarted = performance.now();
    const loaded = await loadPopulation(scratch.handle.db, peopleDir, { onProgress: (d, t, step) => progress.update(d, t, step) });
    progress.stop();
    rmSync(peopleDir, { recursive: true, force: true });
    console.log(
      `Persone caricate: ${fmt(loaded.people.inserted)} (${fmt(loaded.declarations)} dichiarazioni, ${fmt(loaded.timelines)} stati occupazionali) in ${round(
        (performance.now() - loadStarted) / 1000,
      )} s; ${loaded.rejected.length} righe scartate`,
    );
    await sql`analyze`.execute(scratch.handle.db);

    const file = join(dir, NOTICES_FILE);
    let fileSize = 0;
    for await (const chunk of createReadStream(file)) fileSize += (chunk as Buffer).length; // into the page cache for both steps
    const header = await firstLine(file);
    console.log(
      `File: ${file} (${mb(fileSize)}); preparazione ${round((performance.now() - prepStarted) / 1000)} s; carico medio prima delle misure ${load()}`,
    );

    // (a) the baseline
    const copy = await plainCopy(scratch.url, file, header, admin, scratch.name);
    log(`COPY: ${round(copy.seconds, 2)} s`);

    // (b) the importer, through the module's own use of its store and rules
    const auditDir = await mkdtemp(join(tmpdir(), 'ponte-bench-audit-'));
    const audit = new AuditTrail(new FileHeadsSink(join(auditDir, 'heads.jsonl')));
    let statements: ReturnType<ReturnType<typeof statementProfiler>['stop']> = [];
    const batches: { done: number; at: number }[] = [];
    let lastTenth = -1;
    let started = performance.now();
    let readDone = 0;
    // Garbage collection on the importer's thread (the worker thread's is not seen here), by kind.
    const gc = { scavenge: 0, major: 0 };
    const gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.scavenge += entry.duration;
        else gc.major += entry.duration;
      }
    });
    const imported = await measure(admin, scratch.name, async () => {
      gcObserver.observe({ entryTypes: ['gc'] });
      const profiler = process.env.BENCH_PROFILE === '1' ? statementProfiler() : null;
      started = performance.now();
      // For --cpu-prof: the import's window on the profile's clock (microseconds of process.hrtime).
      if (profiler || process.execArgv.includes('--cpu-prof')) log(`Finestra dell'importazione (hrtime µs): inizio ${process.hrtime.bigint() / 1000n}`);
      try {
        return await importNoticesFile(
          { db: scratch.handle.db, audit },
          { path: file },
          {
            ...(batchSize ? { batchSize } : {}),
            onProgress: (done, total) => {
              batches.push({ done, at: performance.now() - started });
              if (done >= total && readDone === 0) readDone = performance.now() - started;
              const tenth = Math.floor((done * 10) / Math.max(1, total));
              if (tenth > lastTenth) {
                lastTenth = tenth;
                log(`Importazione: ${tenth * 10}% (${done}/${total}) ${round((performance.now() - started) / 1000)} s`);
              }
            },
          },
        );
      } finally {
        gcObserver.disconnect();
        statements = profiler?.stop() ?? [];
        if (profiler || process.execArgv.includes('--cpu-prof')) log(`Finestra dell'importazione (hrtime µs): fine ${process.hrtime.bigint() / 1000n}`);
      }
    });
    rmSync(auditDir, { recursive: true, force: true });
    log(
      `Fasi: lettura ${round(readDone / 1000)} s, ricalcolo ${round(imported.seconds - readDone / 1000)} s; ` +
        `GC del thread dell'importazione ${round((gc.scavenge + gc.major) / 1000)} s (scavenge ${round(gc.scavenge / 1000)} s, mark-compact e altro ${round(gc.major / 1000)} s)`,
    );
    const summary = imported.result;
    const loadAfter = load();

    const counts = await sql<{
      notices: string;
      linked: string;
      people: string;
      periods: string;
      audit: string;
      events: string;
      status_events: string;
    }>`select
        (select count(*) from employment_notices)::text as notices,
        (select count(*) from employment_notices where person_id is not null)::text as linked,
        (select count(distinct person_id) from employment_notices)::text as people,
        (select count(*) from status_periods)::text as periods,
        (select count(*) from audit_entries where record_type = 'employment_notice')::text as audit,
        (select count(*) from outbox where topic = 'notices.imported')::text as events,
        (select count(*) from outbox where topic = 'employment-status.recomputed')::text as status_events`.execute(scratch.handle.db);
    const c = counts.rows[0];
    if (!c) throw new Error('conteggi non disponibili');

    // (c) the floor: only storing the rows the import stored
    const floor = await storageFloor(scratch.url, admin, scratch.name);
    log(`Solo memorizzazione delle righe: ${round(floor.seconds, 2)} s`);

    const ratio = imported.seconds / copy.seconds;
    const floorRatio = floor.seconds / copy.seconds;
    const pass = { seconds: imported.seconds <= TARGET_SECONDS, ratio: ratio <= TARGET_RATIO };
    const row = (step: string, m: Measured, rows: number) => ({
      passo: step,
      secondi: round(m.seconds, 2),
      'righe/s': fmt(Math.round(rows / m.seconds)),
      'CPU Node s': round(m.clientCpu),
      'CPU server s': m.serverCpu === null ? '—' : round(m.serverCpu),
      WAL: mb(m.wal),
      'RSS di picco': mb(m.peakRss),
    });
    console.log(`\nMisure (stesso database, stesso file, in sequenza; carico medio dopo ${loadAfter}):`);
    console.table([
      row('COPY FROM STDIN in tabella di appoggio (testo)', copy, copy.rows),
      row('importNoticesFile (applicate)', imported, summary.total),
      row('solo memorizzazione: COPY delle righe salvate', floor, floor.rows),
    ]);
    console.log(
      `Importazione: ${fmt(summary.applied)} applicate, ${fmt(summary.duplicates)} già presenti, ${fmt(summary.rejected.length)} scartate su ${fmt(summary.total)}; ` +
        `COPY: ${fmt(copy.rows)} righe`,
    );
    console.log(
      `Nel database: ${fmt(Number(c.notices))} comunicazioni (${fmt(Number(c.linked))} collegate a ${fmt(Number(c.people))} persone), ${fmt(Number(c.periods))} periodi di stato, ` +
        `${fmt(Number(c.audit))} voci di audit, ${fmt(Number(c.events))} eventi notices.imported, ${fmt(Number(c.status_events))} eventi employment-status.recomputed; ` +
        `stati ricalcolati ${fmt(summary.peopleRecomputed)} volte (somma sui blocchi)`,
    );
    if (summary.rejected.length > 0) {
      const reasons = new Map<string, number>();
      for (const r of summary.rejected) {
        const reason = r.reason.replace(/\d[\dA-Z-]{5,}/g, '…');
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  scartate ${fmt(n)}: ${reason}`);
    }
    const quarter = (from: number, to: number) => {
      const a = batches.find((b) => b.done >= summary.total * from) ?? batches[0];
      const b = batches.find((x) => x.done >= summary.total * to) ?? batches.at(-1);
      return a && b && b.at > a.at ? fmt(Math.round((b.done - a.done) / ((b.at - a.at) / 1000))) : '—';
    };
    console.log(`Righe/s dell'importazione per quarto del file: ${[quarter(0, 0.25), quarter(0.25, 0.5), quarter(0.5, 0.75), quarter(0.75, 1)].join(' → ')}`);
    console.log(
      `Obiettivi: ≤ ${TARGET_SECONDS} s → ${round(imported.seconds, 1)} s ${pass.seconds ? 'PASS' : 'FAIL'}; ≤ ${TARGET_RATIO}× COPY → ${round(ratio, 2)}× ${pass.ratio ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `Pavimento: memorizzare soltanto le ${fmt(floor.rows)} righe che l'importazione ha salvato (comunicazioni e periodi di stato, tabelle con gli stessi ` +
        `indici, senza leggere, controllare né calcolare nulla) richiede ${round(floor.seconds, 1)} s = ${round(floorRatio, 2)}× COPY` +
        (floorRatio > TARGET_RATIO ? ` — già oltre ${TARGET_RATIO}×: l'obiettivo è sotto il costo di memorizzazione dello schema` : ''),
    );
    if (statements.length > 0) {
      console.log('\nProfilo delle istruzioni SQL dell’importazione (lato client, andata e ritorno incluso):');
      const inSql = statements.reduce((s, x) => s + x.seconds, 0);
      console.table(statements.slice(0, 15).map((s) => ({ istruzione: s.statement, chiamate: s.calls, secondi: s.seconds })));
      console.log(
        `SQL ${round(inSql)} s su ${round(imported.seconds)} s; il resto (${round(imported.seconds - inSql)} s) è lettura, controllo delle righe e calcolo in Node`,
      );
    }
    return { ...options, copySeconds: copy.seconds, importSeconds: imported.seconds, ratio, floorSeconds: floor.seconds, floorRatio, summary, pass };
  } finally {
    await admin.end();
    await scratch.drop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchNotices();
}
