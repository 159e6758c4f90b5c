import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/database.ts';
import { competentJobCentre, importCompetence } from './competence.ts';
import { importJobCentres } from './jobCentres.ts';
import { importMunicipalities } from './municipalities.ts';
import { FIXTURE_FILES } from './referenceSets.ts';
import { describeOnEachEngine, resetWithAgency } from './testEngines.ts';

const HEADER = 'codice_catastale_comune,codice_istat_comune,comune,sigla_provincia,regione,codice_cpi,denominazione_cpi,data_inizio,data_fine';

function csv(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ponte-comp-')), 'competenza.csv');
  writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}

const competence = (db: Db) => db.selectFrom('job_centre_competence').selectAll().orderBy('municipality_istat_code').orderBy('valid_from').execute();

describeOnEachEngine('importCompetence', (getDb) => {
  beforeEach(async () => {
    const agencyId = await resetWithAgency(getDb());
    await importMunicipalities(getDb(), FIXTURE_FILES.municipalities, { regionCode: '09' });
    await importJobCentres(getDb(), FIXTURE_FILES.jobCentres, { agencyId });
  });

  it('gives every Tuscan comune of the fixture a competent job centre', async () => {
    const report = await importCompetence(getDb(), FIXTURE_FILES.competence);
    expect(report).toEqual({
      kind: 'competence',
      source: 'competenza_territoriale_cpi.csv',
      status: 'completed',
      total: 16,
      applied: 16,
      skipped: 0,
      rejected: [],
    });
    const withoutCompetence = await getDb()
      .selectFrom('municipalities as m')
      .select('m.istat_code')
      .where('m.region_code', '=', '09')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('job_centre_competence as c')
              .select('c.valid_from')
              .whereRef('c.municipality_istat_code', '=', 'm.istat_code')
              .where('c.valid_to', 'is', null),
          ),
        ),
      )
      .execute();
    expect(withoutCompetence).toEqual([]);
  });

  it('looks up the competent job centre on a date', async () => {
    await importCompetence(getDb(), FIXTURE_FILES.competence);
    const codeOn = async (istat: string, day: string) => (await competentJobCentre(getDb(), istat, day))?.code;
    expect(await codeOn('048017', '2024-03-01')).toBe('D612C900001'); // Firenze
    expect(await codeOn('050039', '2014-05-27')).toBeUndefined(); // Volterra: competence from 2014-05-28
    expect(await codeOn('050039', '2014-05-28')).toBe('G702C900003');
    // Barga: CPI Lucca until the Valle del Serchio office took over on 2014-01-01
    expect(await codeOn('046003', '2013-12-31')).toBe('E715C900004');
    expect(await codeOn('046003', '2014-01-01')).toBe('A657C900005');
    expect(await codeOn('046003', '2030-01-01')).toBe('A657C900005');
    expect(await codeOn('999999', '2024-01-01')).toBeUndefined();
  });

  it('Barberino Tavarnelle inherits the competence of its former comuni (data README, "Caveats")', async () => {
    await importCompetence(getDb(), FIXTURE_FILES.competence);
    expect((await competentJobCentre(getDb(), '048054', '2024-01-01'))?.code).toBe('D403C900002');
    const rows = (await competence(getDb())).filter((r) => r.municipality_istat_code === '048054');
    expect(rows).toHaveLength(1);
  });

  it('closes an overlapping open period the day before the next one starts', async () => {
    await importCompetence(getDb(), FIXTURE_FILES.competence);
    const barga = (await competence(getDb())).filter((r) => r.municipality_istat_code === '046003');
    expect(barga.map((r) => [r.valid_from, r.valid_to])).toEqual([
      ['1900-01-01', '2013-12-31'],
      ['2014-01-01', null],
    ]);
  });

  it("is idempotent, also across batches that split a comune's periods", async () => {
    await importCompetence(getDb(), FIXTURE_FILES.competence, { batchSize: 10 }); // Barga's rows on lines 11 and 12
    const first = await competence(getDb());
    await importCompetence(getDb(), FIXTURE_FILES.competence, { force: true, batchSize: 1 });
    expect(await competence(getDb())).toEqual(first);
    expect(first).toHaveLength(15); // 16 rows, the two former comuni of Barberino Tavarnelle give one
  });

  it('rejects rows whose comune or job centre is unknown, and malformed rows', async () => {
    const report = await importCompetence(
      getDb(),
      csv([
        'D612,048017,FIRENZE,FI,TOSCANA,D612C900001,CPI FIRENZE,1900-01-01,',
        'I726,052032,SIENA,SI,TOSCANA,D612C900001,CPI FIRENZE,1900-01-01,',
        'D403,048014,EMPOLI,FI,TOSCANA,D403C999999,CPI SCONOSCIUTO,1900-01-01,',
        'D403,48014,EMPOLI,FI,TOSCANA,D403C900002,CPI EMPOLI,1900-01-01,',
        'D403,048014,EMPOLI,FI,TOSCANA,D403C900002,CPI EMPOLI,01/01/1900,',
        'D612,048017,FIRENZE,FI,TOSCANA,D612C900001,CPI FIRENZE,1900-01-01,',
      ]),
    );
    expect(report.applied).toBe(1);
    expect(report.rejected).toEqual([
      {
        line: 3,
        reason: "comune 052032 (SIENA) non presente nell'elenco dei comuni: soppresso o non ancora importato",
      },
      {
        line: 4,
        reason: "centro per l'impiego D403C999999 non presente: importare prima i centri per l'impiego",
      },
      { line: 5, reason: 'codice_istat_comune «48014» non valido: servono 6 cifre (es. 048017)' },
      { line: 6, reason: 'data_inizio «01/01/1900» non valida: serve una data nel formato AAAA-MM-GG' },
      { line: 7, reason: 'competenza del comune 048017 dal 1900-01-01 duplicato: già presente alla riga 2' },
    ]);
  });
});
