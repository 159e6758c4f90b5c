import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/database.ts';
import { ImportInterruptedError } from './errors.ts';
import { runKey } from './importRun.ts';
import { importMunicipalities } from './municipalities.ts';
import { FIXTURE_DIR } from './referenceSets.ts';
import { describeOnEachEngine, resetWithAgency } from './testEngines.ts';

const COMPACT = join(FIXTURE_DIR, 'comuni.csv');
const WITH_ERRORS = join(FIXTURE_DIR, 'comuni_with_errors.csv');

const municipalities = (db: Db) => db.selectFrom('municipalities').selectAll().orderBy('istat_code').execute();
const runs = (db: Db) => db.selectFrom('import_runs').selectAll().execute();

/** Aborts once `rows` data rows have been committed. */
function abortAfter(rows: number) {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    onProgress: (done: number) => {
      if (done >= rows) controller.abort();
    },
  };
}

describeOnEachEngine('import runs', (getDb) => {
  beforeEach(async () => {
    await resetWithAgency(getDb());
  });

  it('does nothing the second time the same file is imported ("già importato"), unless forced', async () => {
    const first = await importMunicipalities(getDb(), WITH_ERRORS);
    const before = await municipalities(getDb());
    const second = await importMunicipalities(getDb(), WITH_ERRORS);
    expect(second).toEqual({ ...first, status: 'already-imported' });
    expect(await municipalities(getDb())).toEqual(before);

    const forced = await importMunicipalities(getDb(), WITH_ERRORS, { force: true });
    expect(forced).toEqual(first);
    expect(await municipalities(getDb())).toEqual(before);
    expect(await runs(getDb())).toHaveLength(1);
    expect(await getDb().selectFrom('import_rejections').select('line').execute()).toHaveLength(8);
  });

  it('resumes an interrupted import from the last committed line, without duplicates', async () => {
    const progress: number[] = [];
    const stop = abortAfter(6);
    await expect(
      importMunicipalities(getDb(), COMPACT, {
        batchSize: 4,
        signal: stop.signal,
        onProgress: (done) => {
          progress.push(done);
          stop.onProgress(done);
        },
      }),
    ).rejects.toThrow(ImportInterruptedError);
    expect(progress).toEqual([0, 4, 8]);
    expect(await municipalities(getDb())).toHaveLength(8);
    expect(await runs(getDb())).toMatchObject([{ status: 'running', last_line: 9, rows_applied: 8 }]);

    const resumed: [number, number][] = [];
    const report = await importMunicipalities(getDb(), COMPACT, {
      batchSize: 4,
      onProgress: (done, total) => {
        resumed.push([done, total]);
      },
    });
    expect(resumed).toEqual([
      [8, 15],
      [12, 15],
      [15, 15],
    ]);
    expect(report).toMatchObject({ status: 'completed', total: 15, applied: 15, skipped: 0, rejected: [] });
    expect(await municipalities(getDb())).toHaveLength(15);
    expect(await runs(getDb())).toMatchObject([{ status: 'completed', last_line: 16, rows_total: 15 }]);
  });

  it('after a crash, rejections and duplicates found before and after the resume are reported once', async () => {
    await expect(
      importMunicipalities(getDb(), WITH_ERRORS, {
        batchSize: 3,
        onProgress: (done) => {
          if (done >= 6) throw new Error('processo terminato');
        },
      }),
    ).rejects.toThrow('processo terminato');
    const report = await importMunicipalities(getDb(), WITH_ERRORS, { batchSize: 3 });
    expect(report.applied).toBe(3);
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    // line 8 repeats line 2's ISTAT code: still caught although line 2 was committed before the crash
    expect(report.rejected.find((r) => r.line === 8)?.reason).toMatch(/duplicato: già presente alla riga 2/);
  });

  it('stops instead of double counting when another process advances the same run', async () => {
    const db = getDb();
    await expect(
      importMunicipalities(db, COMPACT, {
        batchSize: 4,
        onProgress: async (done) => {
          if (done === 4) await db.updateTable('import_runs').set({ last_line: 9 }).execute();
        },
      }),
    ).rejects.toThrow(/in corso di importazione in un altro processo/);
  });

  it('a changed file is a new run; upserts make it converge on the new content', async () => {
    await importMunicipalities(getDb(), COMPACT);
    const dir = mkdtempSync(join(tmpdir(), 'ponte-run-'));
    const changed = join(dir, 'comuni.csv');
    writeFileSync(changed, readFileSync(COMPACT, 'utf8').replace('Volterra', 'Volterra (rinominato)'));
    const report = await importMunicipalities(getDb(), changed);
    expect(report).toMatchObject({ status: 'completed', applied: 15 });
    const rows = await municipalities(getDb());
    expect(rows).toHaveLength(15);
    expect(rows.find((r) => r.istat_code === '050039')?.name).toBe('Volterra (rinominato)');
    expect(await runs(getDb())).toHaveLength(2);
  });

  it('the same file with another region filter is another run', async () => {
    await importMunicipalities(getDb(), COMPACT, { regionCode: '09' });
    const all = await importMunicipalities(getDb(), COMPACT);
    expect(all).toMatchObject({ status: 'completed', applied: 15 });
  });
});

describe('runKey', () => {
  it('is the file hash alone, or a hash of the file and the other inputs in any order', () => {
    expect(runKey('abc', undefined)).toBe('abc');
    expect(runKey('abc', {})).toBe('abc');
    expect(runKey('abc', { a: '1', b: '2' })).toBe(runKey('abc', { b: '2', a: '1' }));
    expect(runKey('abc', { a: '1' })).not.toBe(runKey('abc', { a: '2' }));
  });
});
