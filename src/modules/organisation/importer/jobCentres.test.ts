import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/database.ts';
import { importJobCentres, MAIN_SITE_NAME } from './jobCentres.ts';
import { importMunicipalities } from './municipalities.ts';
import { FIXTURE_FILES } from './referenceSets.ts';
import { describeOnEachEngine, resetWithAgency } from './testEngines.ts';

const HEADER =
  'codice_cpi,denominazione,indirizzo,cap,codice_catastale_comune,codice_istat_comune,comune,sigla_provincia,regione,email,codice_fiscale,data_inizio,data_fine';

function csv(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ponte-cpi-')), 'cpi.csv');
  writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}

const centres = (db: Db) => db.selectFrom('job_centres').selectAll().orderBy('code').execute();

describeOnEachEngine('importJobCentres', (getDb) => {
  let agencyId: string;
  beforeEach(async () => {
    agencyId = await resetWithAgency(getDb());
    await importMunicipalities(getDb(), FIXTURE_FILES.municipalities, { regionCode: '09' });
  });

  it('imports open job centres with a main site each and skips the one closed in the past', async () => {
    const report = await importJobCentres(getDb(), FIXTURE_FILES.jobCentres, { agencyId });
    expect(report).toEqual({
      kind: 'job-centres',
      source: 'cpi.csv',
      status: 'completed',
      total: 7,
      applied: 6,
      skipped: 1,
      rejected: [],
    });
    const rows = await centres(getDb());
    expect(rows.map((r) => r.province_code).sort()).toEqual(['AR', 'FI', 'FI', 'LU', 'LU', 'PI']);
    expect(rows.find((r) => r.code === 'G702C900003')).toMatchObject({
      name: 'CPI PISA',
      agency_id: agencyId,
      municipality_istat_code: '050026',
      address: 'VIA DEL CAMPIONE 3, INTERNO 4',
      email: 'cpi.pisa@example.org',
      valid_from: '1900-01-01',
      valid_to: null,
      version: 1,
    });
    expect(rows.find((r) => r.code === 'A657C900005')?.valid_to).toBeNull(); // 2999-01-01 = no end
    const sites = await getDb().selectFrom('sites').selectAll().execute();
    expect(sites).toHaveLength(6);
    expect(sites.every((s) => s.kind === 'main' && s.name === MAIN_SITE_NAME)).toBe(true);
    const pisa = rows.find((r) => r.code === 'G702C900003');
    expect(sites.find((s) => s.job_centre_id === pisa?.id)).toMatchObject({
      address: 'VIA DEL CAMPIONE 3, INTERNO 4',
      municipality_istat_code: '050026',
    });
  });

  it('re-importing changes nothing: no new version, no second main site', async () => {
    await importJobCentres(getDb(), FIXTURE_FILES.jobCentres, { agencyId });
    const before = await centres(getDb());
    const report = await importJobCentres(getDb(), FIXTURE_FILES.jobCentres, { agencyId, force: true });
    expect(report).toMatchObject({ status: 'completed', applied: 6, skipped: 1 });
    expect(await centres(getDb())).toEqual(before);
    expect(await getDb().selectFrom('sites').select('id').execute()).toHaveLength(6);
  });

  it('updates a changed office in place and bumps its version', async () => {
    await importJobCentres(getDb(), FIXTURE_FILES.jobCentres, { agencyId });
    await importJobCentres(getDb(), csv(['D612C900001,CPI FIRENZE,VIA NUOVA 10,,D612,048017,FIRENZE,FI,TOSCANA,,,1900-01-01,']), { agencyId });
    const firenze = (await centres(getDb())).find((r) => r.code === 'D612C900001');
    expect(firenze).toMatchObject({ address: 'VIA NUOVA 10', version: 2 });
  });

  it('rejects bad rows and offices in comuni not imported, with line and reason', async () => {
    const report = await importJobCentres(
      getDb(),
      csv([
        'D612C900001,CPI FIRENZE,VIA DI ESEMPIO 1,,D612,048017,FIRENZE,FI,TOSCANA,,,1900-01-01,',
        'I726C900010,CPI SIENA,VIA X 1,,I726,052032,SIENA,SI,TOSCANA,,,1900-01-01,',
        'G702C900011,CPI PISA 2,VIA X 2,,G702,050026,PISA,LU,TOSCANA,,,1900-01-01,',
        'X12,CPI BAD,VIA X 3,,G702,050026,PISA,PI,TOSCANA,,,1900-01-01,',
        'G702C900012,CPI PISA 3,VIA X 4,,G702,050026,PISA,PI,TOSCANA,,,114-10-02,',
        'G702C900013,CPI PISA 4,VIA X 5,,G702,050026,PISA,PI,TOSCANA,non-una-email,,1900-01-01,',
        'G702C900014,,VIA X 6,,G702,050026,PISA,PI,TOSCANA,,,1900-01-01,',
        'G702C900015,CPI PISA 5,VIA X 7,,G702,050026,PISA,PI,TOSCANA,,,2020-01-01,2019-01-01',
        'D612C900001,CPI FIRENZE BIS,VIA X 8,,D612,048017,FIRENZE,FI,TOSCANA,,,1900-01-01,',
      ]),
      { agencyId },
    );
    expect(report.applied).toBe(1);
    expect(report.rejected).toEqual([
      {
        line: 3,
        reason: "comune della sede 052032 non presente nell'elenco dei comuni: importare prima i comuni della regione",
      },
      { line: 4, reason: 'sigla_provincia LU diversa dalla provincia del comune 050026 (PI)' },
      { line: 5, reason: 'codice CPI «X12» non valido: atteso codice catastale + C + 6 cifre (es. D612C000612)' },
      { line: 6, reason: 'data_inizio «114-10-02» non valida: serve una data nel formato AAAA-MM-GG' },
      { line: 7, reason: 'indirizzo email «non-una-email» non valido' },
      { line: 8, reason: 'campo obbligatorio mancante: denominazione' },
      { line: 9, reason: 'data_fine 2019-01-01 precedente a data_inizio 2020-01-01' },
      { line: 10, reason: 'codice CPI D612C900001 duplicato: già presente alla riga 2' },
    ]);
  });

  it('judges "closed in the past" against the given day', async () => {
    const report = await importJobCentres(getDb(), FIXTURE_FILES.jobCentres, { agencyId, today: '2015-06-01' });
    expect(report).toMatchObject({ applied: 7, skipped: 0 });
    expect((await centres(getDb())).find((r) => r.code === 'L833C900007')?.valid_to).toBe('2015-12-31');
  });

  it('refuses to start without an existing agency', async () => {
    await expect(importJobCentres(getDb(), FIXTURE_FILES.jobCentres, { agencyId: '01900000-0000-7000-8000-000000000000' })).rejects.toThrow(
      /Ente .* non trovato/,
    );
    await expect(importJobCentres(getDb(), FIXTURE_FILES.jobCentres, { agencyId: 'ARTI' })).rejects.toThrow(/non trovato/);
  });
});
