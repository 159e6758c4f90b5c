/**
 * Crash and resume of the notices import on PostgreSQL: the command-line importer is killed with SIGKILL while it is
 * still reading the file, rerun to completion, and the result compared with a clean run into another database.
 * Runs when PONTE_TEST_PG_URL is set; in CI a missing server is an error (testEngines()).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticWorkers, writeNoticesFile } from '../src/modules/notices/testing.ts';
import { taxCodeBaseForm } from '../src/modules/people/taxCode.ts';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';
import { testEngines } from './support/databases.ts';

const CLI = join(import.meta.dirname, '../src/cli/ponte.ts');
const ROWS = 12_000;
const WORKERS = 3_000;
const BATCH = '400';
const SEED = 7;

interface Db {
  url: string;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

async function createDatabase(): Promise<Db> {
  const adminUrl = process.env.PONTE_TEST_PG_URL as string;
  const name = `ponte_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 2 });
  await migrate(handle.db);
  return {
    url: url.toString(),
    handle,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Half of the file's workers are registered, with an availability declaration: their timelines change. */
async function registerHalf(db: Db): Promise<void> {
  const { db: k } = db.handle;
  await sql`insert into municipalities (istat_code, belfiore_code, name, province_code, province_name, region_code, region_name)
    values ('048017', 'D612', 'Firenze', '048', 'Firenze', '09', 'Toscana')`.execute(k);
  const centre = '01900000-0000-7000-8000-000000000001';
  await sql`insert into job_centres (id, code, name, municipality_istat_code, province_code, valid_from)
    values (${centre}, 'CPI-T', 'CPI di prova', '048017', '048', '2000-01-01')`.execute(k);
  const seen = new Set<string>();
  const workers = syntheticWorkers(WORKERS, SEED).filter((w, i) => i % 2 === 0 && !seen.has(w.taxCode) && seen.add(w.taxCode));
  // Fixed ids: the two databases must have the same people to be compared.
  const ids = workers.map((_, i) => `01900000-0000-7000-8000-${String(1000000000000 + i).slice(1)}`);
  await sql`insert into people (id, tax_code, tax_code_base, given_name, family_name, birth_date, sex, job_centre_id)
    select u.id, u.code, u.base, u.given, u.family, u.birth::date, u.sex, ${centre}::uuid
    from unnest(${ids}::uuid[], ${workers.map((w) => w.taxCode)}::text[], ${workers.map((w) => taxCodeBaseForm(w.taxCode))}::text[],
      ${workers.map((w) => w.givenName)}::text[], ${workers.map((w) => w.familyName)}::text[], ${workers.map((w) => w.birthDate)}::text[],
      ${workers.map((w) => w.sex)}::text[]) as u(id, code, base, given, family, birth, sex)`.execute(k);
  await sql`insert into availability_declarations (id, person_id, declared_on, channel)
    select u.id, u.person, '2022-01-10', 'job-centre' from unnest(${ids.map(() => newId())}::uuid[], ${ids}::uuid[]) as u(id, person)`.execute(k);
}

function startImport(db: Db, file: string, headsDir: string): ChildProcess {
  return spawn(process.execPath, [CLI, 'import', 'notices', file, '--batch-size', BATCH], {
    env: { ...process.env, DATABASE_URL: db.url, PONTE_AUDIT_HEADS_FILE: join(headsDir, 'heads.jsonl'), CI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runImport(db: Db, file: string, headsDir: string) {
  const result = spawnSync(process.execPath, [CLI, 'import', 'notices', file, '--batch-size', BATCH], {
    env: { ...process.env, DATABASE_URL: db.url, PONTE_AUDIT_HEADS_FILE: join(headsDir, 'heads.jsonl'), CI: '' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

async function snapshot(db: Db) {
  const { db: k } = db.handle;
  const notices = await k
    .selectFrom('employment_notices')
    .select(['communication_code', 'content_hash', 'person_id', 'source_line'])
    .orderBy('communication_code')
    .execute();
  const periods = await k
    .selectFrom('status_periods')
    .select(['person_id', 'valid_from', 'valid_to', 'state', 'rule_id'])
    .orderBy('person_id')
    .orderBy('valid_from')
    .execute();
  const run = await k
    .selectFrom('import_runs')
    .select(['status', 'rows_total', 'rows_applied', 'rows_skipped', 'rows_rejected', 'last_line'])
    .where('kind', '=', 'notices')
    .executeTakeFirstOrThrow();
  const rejections = await k.selectFrom('import_rejections').select(['line', 'reason']).orderBy('line').execute();
  const audit = await k
    .selectFrom('audit_entries')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('record_type', '=', 'employment_notice')
    .executeTakeFirstOrThrow();
  return { notices, periods, run, rejections, auditEntries: audit.n };
}

const engines = testEngines();
describe.runIf(engines.includes('postgres'))('notices import: SIGKILL while reading, rerun, same result as a clean run (PostgreSQL)', () => {
  let crashed: Db;
  let clean: Db;
  let file: string;
  let dir: string;
  let total: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ponte-crash-'));
    file = join(dir, 'unilav.csv');
    total = await writeNoticesFile(file, { count: ROWS, workers: WORKERS, seed: SEED });
    crashed = await createDatabase();
    clean = await createDatabase();
    await registerHalf(crashed);
    await registerHalf(clean);
  }, 120_000);
  afterAll(async () => {
    await crashed?.drop();
    await clean?.drop();
  });

  it('resumes after the last committed batch: no loss, no duplicate', { timeout: 900_000 }, async () => {
    const child = startImport(crashed, file, dir);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    // Wait until some batches are committed, then kill it while it is still reading the file.
    let atKill = { last_line: 0, status: 'running' };
    for (let i = 0; i < 6000; i++) {
      const run = await crashed.handle.db.selectFrom('import_runs').select(['last_line', 'status']).where('kind', '=', 'notices').executeTakeFirst();
      if (run && run.last_line >= 3 * Number(BATCH)) {
        atKill = run;
        break;
      }
      if (child.exitCode !== null) throw new Error(`l'importazione è finita prima dell'interruzione: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(atKill.status).toBe('running');
    const afterKill = await snapshot(crashed);
    expect(afterKill.run.status).toBe('running');
    expect(afterKill.run.last_line).toBeGreaterThan(0);
    expect(afterKill.run.last_line).toBeLessThan(total + 1);
    expect(afterKill.notices.length).toBeGreaterThan(0);
    expect(afterKill.notices.length).toBeLessThan(total);

    const resumed = runImport(crashed, file, dir);
    expect(resumed).toMatch(/notices — unilav\.csv: \d+ applicate/);
    runImport(clean, file, dir);

    const a = await snapshot(crashed);
    const b = await snapshot(clean);
    expect(a.run).toEqual(b.run);
    expect(a.run).toMatchObject({ status: 'completed', rows_total: total, rows_skipped: 0 });
    expect(a.run.rows_applied + a.run.rows_rejected).toBe(total);
    expect(new Set(a.notices.map((n) => n.communication_code)).size).toBe(a.notices.length);
    expect(a.notices).toEqual(b.notices);
    expect(a.notices.length).toBe(a.run.rows_applied);
    expect(a.rejections).toEqual(b.rejections);
    expect(a.periods.length).toBeGreaterThan(WORKERS / 2);
    expect(a.periods).toEqual(b.periods);
    expect(a.auditEntries).toBe(b.auditEntries);
  });
});
