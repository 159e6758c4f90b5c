import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/database.ts';
import { importMunicipalities } from './municipalities.ts';
import { FIXTURE_DIR, FIXTURE_FILES } from './referenceSets.ts';
import { describeOnEachEngine, resetWithAgency } from './testEngines.ts';

const COMPACT = join(FIXTURE_DIR, 'comuni.csv');
const WITH_ERRORS = join(FIXTURE_DIR, 'comuni_with_errors.csv');

const snapshot = (db: Db) => db.selectFrom('municipalities').selectAll().orderBy('istat_code').execute();

describeOnEachEngine('importMunicipalities', (getDb) => {
  beforeEach(async () => {
    await resetWithAgency(getDb());
  });

  it('imports the official ISTAT file (Windows-1252, ";") with coordinates, keeping one region', async () => {
    const report = await importMunicipalities(getDb(), FIXTURE_FILES.municipalities, {
      coordinatesFile: FIXTURE_FILES.coordinates,
      regionCode: '09',
    });
    expect(report).toEqual({
      kind: 'municipalities',
      source: 'comuni_istat.csv + coordinate_comuni.csv',
      status: 'completed',
      total: 15,
      applied: 14,
      skipped: 1, // La Spezia, Liguria
      rejected: [],
    });
    const rows = await snapshot(getDb());
    expect(rows).toHaveLength(14);
    expect(rows.find((r) => r.istat_code === '048017')).toEqual({
      istat_code: '048017',
      belfiore_code: 'D612',
      name: 'Firenze',
      province_code: 'FI',
      province_name: 'Firenze',
      region_code: '09',
      region_name: 'Toscana',
      is_province_capital: true,
      latitude: 43.77,
      longitude: 11.25,
    });
    expect(rows.find((r) => r.istat_code === '051010')).toMatchObject({
      name: 'Castel San Niccolò',
      province_code: 'AR',
      latitude: null,
      longitude: null,
    });
    expect(new Set(rows.map((r) => r.province_code))).toEqual(new Set(['FI', 'PI', 'LU', 'AR']));
  });

  it('reads the compact UTF-8 format into exactly the same rows', async () => {
    await importMunicipalities(getDb(), FIXTURE_FILES.municipalities);
    const fromOfficial = await snapshot(getDb());
    await resetWithAgency(getDb());
    const report = await importMunicipalities(getDb(), COMPACT);
    expect(report).toMatchObject({ source: 'comuni.csv', total: 15, applied: 15, skipped: 0, rejected: [] });
    expect(await snapshot(getDb())).toEqual(fromOfficial);
  });

  it('rejects bad rows with their line and an Italian reason, and applies the rest', async () => {
    const report = await importMunicipalities(getDb(), WITH_ERRORS);
    expect(report.total).toBe(11);
    expect(report.applied).toBe(3);
    expect(report.rejected).toEqual([
      { line: 3, reason: 'codice ISTAT «48014» non valido: servono 6 cifre (es. 048017)' },
      { line: 4, reason: 'codice catastale «b962» non valido: servono una lettera maiuscola e 3 cifre (es. D612)' },
      { line: 5, reason: 'campo obbligatorio mancante: denominazione' },
      { line: 6, reason: 'sigla di provincia «P1» non valida: servono 2 lettere maiuscole (es. FI)' },
      { line: 7, reason: 'flag capoluogo «sì» non valido: atteso 0 o 1' },
      { line: 8, reason: 'codice ISTAT 048017 duplicato: già presente alla riga 2' },
      { line: 9, reason: 'numero di colonne errato: attese 13, trovate 9' },
      { line: 10, reason: 'codice regione «9» non valido: servono 2 cifre (es. 09)' },
    ]);
    expect((await snapshot(getDb())).map((r) => r.name)).toEqual(['Firenze', 'Volterra', 'Arezzo']);
    const stored = await getDb().selectFrom('import_rejections').select(['line', 'raw']).orderBy('line').execute();
    expect(stored).toHaveLength(8);
    expect(stored[0]).toEqual({ line: 3, raw: '48014,Empoli,,D403,FI,048,248,Firenze,09,Toscana,Centro,0,ITI14' });
  });

  it('keeps stored coordinates when a later import has none for the comune', async () => {
    await importMunicipalities(getDb(), FIXTURE_FILES.municipalities, { coordinatesFile: FIXTURE_FILES.coordinates });
    await importMunicipalities(getDb(), COMPACT);
    const firenze = await getDb().selectFrom('municipalities').selectAll().where('istat_code', '=', '048017').executeTakeFirst();
    expect(firenze).toMatchObject({ latitude: 43.77, longitude: 11.25 });
  });

  it('rejects a cadastral code that already belongs to another comune', async () => {
    await importMunicipalities(getDb(), COMPACT);
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'ponte-mun-')), 'comuni.csv');
    writeFileSync(
      path,
      'codice_istat,denominazione,codice_catastale,sigla_provincia,denominazione_uts,codice_regione,regione\n' +
        '048099,Comune Nuovo,D612,FI,Firenze,09,Toscana\n',
    );
    const report = await importMunicipalities(getDb(), path);
    expect(report.rejected).toEqual([{ line: 2, reason: 'codice catastale D612 già assegnato al comune Firenze (ISTAT 048017)' }]);
  });
});
