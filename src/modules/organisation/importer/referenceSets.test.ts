import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureFiles } from '../../../../fixtures/organisation/generate.ts';
import type { Db } from '../../../platform/db/database.ts';
import { competentJobCentre } from './competence.ts';
import { ImportFileError } from './errors.ts';
import { FIXTURE_DIR, importFixture, importTuscanyFromSharedData } from './referenceSets.ts';
import { describeOnEachEngine, resetWithAgency } from './testEngines.ts';

const SHARED_DATA = resolve(import.meta.dirname, '../../../../../shared/data');
const hasSharedData = existsSync(SHARED_DATA);
if (!hasSharedData) {
  console.warn(`Import della Toscana reale saltato: cartella ${SHARED_DATA} assente (../shared/data rispetto al repository)`);
}

const count = async (db: Db, table: 'municipalities' | 'job_centres' | 'sites' | 'job_centre_competence') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Comuni of a region without a competence period open today. */
async function comuniWithoutCompetence(db: Db, regionCode: string, today: string): Promise<string[]> {
  const rows = await db.selectFrom('municipalities').select('istat_code').where('region_code', '=', regionCode).execute();
  const missing: string[] = [];
  for (const { istat_code } of rows) if (!(await competentJobCentre(db, istat_code, today))) missing.push(istat_code);
  return missing;
}

describe('fixtures/organisation', () => {
  it('match what generate.ts writes', () => {
    for (const [name, bytes] of fixtureFiles()) {
      expect(readFileSync(join(FIXTURE_DIR, name)).equals(bytes), `${name} differs: run node fixtures/organisation/generate.ts`).toBe(true);
    }
  });
});

describeOnEachEngine('reference sets', (getDb) => {
  let agencyId: string;
  beforeEach(async () => {
    agencyId = await resetWithAgency(getDb());
  });

  it('importFixture loads the sample comuni, job centres and competence', async () => {
    const reports = await importFixture(getDb(), agencyId);
    expect(reports.map(({ kind, status, applied, skipped, rejected }) => ({ kind, status, applied, skipped, rejected }))).toEqual([
      { kind: 'municipalities', status: 'completed', applied: 14, skipped: 1, rejected: [] },
      { kind: 'job-centres', status: 'completed', applied: 6, skipped: 1, rejected: [] },
      { kind: 'competence', status: 'completed', applied: 16, skipped: 0, rejected: [] },
    ]);
    expect(await comuniWithoutCompetence(getDb(), '09', '2025-01-01')).toEqual([]);
    const again = await importFixture(getDb(), agencyId);
    expect(again.map((r) => r.status)).toEqual(['already-imported', 'already-imported', 'already-imported']);
  });

  it('reports progress per step with an Italian label', async () => {
    const seen = new Map<string, [number, number]>();
    await importFixture(getDb(), agencyId, (done, total, label) => {
      seen.set(label, [done, total]);
    });
    expect(Object.fromEntries(seen)).toEqual({
      Comuni: [15, 15],
      "Centri per l'impiego": [7, 7],
      'Competenza territoriale': [16, 16],
    });
  });

  it('says which shared-data files are missing', async () => {
    await expect(importTuscanyFromSharedData(getDb(), '/nonexistent/shared/data', agencyId)).rejects.toThrow(ImportFileError);
  });

  it.skipIf(!hasSharedData)(
    'imports real Tuscany from ../shared/data: 273 comuni, 40 CPI, competence for every comune',
    async () => {
      const reports = await importTuscanyFromSharedData(getDb(), SHARED_DATA, agencyId);
      const [municipalities, jobCentres, competence] = reports;
      expect(municipalities).toMatchObject({ status: 'completed', total: 7901, applied: 273, skipped: 7628, rejected: [] });
      // cpi_toscana.csv: 40 offices, none closed (one has data_fine 2999-01-01 = open)
      expect(jobCentres).toMatchObject({ status: 'completed', total: 40, applied: 40, skipped: 0, rejected: [] });
      // 275 rows: Barga has two periods; the rows of Barberino Val d'Elsa and Tavarnelle Val di Pesa
      // (merged in 2019) both go to Barberino Tavarnelle
      expect(competence).toMatchObject({ status: 'completed', total: 275, applied: 275, skipped: 0, rejected: [] });

      const db = getDb();
      expect(await count(db, 'municipalities')).toBe(273);
      expect(await count(db, 'job_centres')).toBe(40);
      expect(await count(db, 'sites')).toBe(40);
      expect(await count(db, 'job_centre_competence')).toBe(274);
      const withoutCoordinates = await db.selectFrom('municipalities').select('istat_code').where('latitude', 'is', null).execute();
      expect(withoutCoordinates).toEqual([]);
      expect(await comuniWithoutCompetence(db, '09', '2025-01-01')).toEqual([]);
      expect((await competentJobCentre(db, '048054', '2025-01-01'))?.name).toBe('CPI SAN CASCIANO IN VAL DI PESA');
      expect((await competentJobCentre(db, '046003', '2013-12-31'))?.name).toBe('CPI LUCCA');
      expect((await competentJobCentre(db, '046003', '2025-01-01'))?.name).toBe('CPI VALLE DEL SERCHIO');

      const again = await importTuscanyFromSharedData(db, SHARED_DATA, agencyId);
      expect(again.map((r) => r.status)).toEqual(['already-imported', 'already-imported', 'already-imported']);
    },
    120_000,
  );
});
