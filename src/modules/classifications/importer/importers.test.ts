import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, testEngines } from '../../../../test/support/databases.ts';
import type { DatabaseHandle, Db } from '../../../platform/db/database.ts';
import { ImportInterruptedError } from '../../organisation/index.ts';
import { resetClassifications } from '../testing.ts';
import { importAteco, importAtecoFile } from './ateco.ts';
import { importCp2011, importCp2011JobTitles, importCp2011Levels } from './cp2011.ts';
import { importEsco, importEscoOccupations, importEscoRelations } from './esco.ts';
import { CLASSIFICATION_FIXTURE_DIR, CLASSIFICATION_FIXTURES, importClassificationFixtures } from './referenceSets.ts';

const CP2011 = CLASSIFICATION_FIXTURES.cp2011;
const LEVELS = join(CP2011, 'cp2011_livelli_1-5.csv');
const ESCO = CLASSIFICATION_FIXTURES.esco;
const ERRORS = join(CLASSIFICATION_FIXTURE_DIR, 'errors');

const occupations = (db: Db) =>
  db
    .selectFrom('occupations')
    .select(['code', 'level', 'label', 'display_label', 'parent_code', 'valid_from', 'valid_to', 'label_norm'])
    .orderBy('code')
    .execute();
const escoState = async (db: Db) => ({
  occupations: await db.selectFrom('esco_occupations').selectAll().orderBy('uri').orderBy('language').execute(),
  labels: await db
    .selectFrom('esco_occupation_labels')
    .select(['uri', 'language', 'kind', 'label', 'label_norm'])
    .orderBy('uri')
    .orderBy('language')
    .orderBy('label_norm')
    .execute(),
  relations: await db.selectFrom('esco_occupation_skills').selectAll().orderBy('occupation_uri').orderBy('skill_uri').execute(),
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ponte-classifications-'));
}

/** Aborts the import once `rows` data rows have been committed. */
function abortAfter(rows: number) {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    onProgress: (done: number) => {
      if (done >= rows) controller.abort();
    },
  };
}

describe.each(testEngines())('classification importers on %s', (engine) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  beforeAll(async () => {
    handle = await freshDatabase(engine);
  });
  afterAll(async () => {
    await handle?.close();
  });
  beforeEach(async () => {
    await resetClassifications(db());
  });

  it('imports the CP2011 levels and job titles: hierarchy, display form, validity', async () => {
    const steps: string[] = [];
    const reports = await importCp2011(db(), CP2011, (done, total, label) => {
      if (done === total) steps.push(`${label}: ${done}`);
    });
    expect(reports.map((r) => [r.kind, r.status, r.total, r.applied, r.rejected.length])).toEqual([
      ['cp2011-levels', 'completed', 19, 19, 0],
      ['cp2011-job-titles', 'completed', 15, 15, 0],
    ]);
    expect(steps).toEqual(['CP2011 — livelli 1-5: 19', 'CP2011 — voci professionali: 15']);
    const rows = await occupations(db());
    expect(rows.filter((r) => r.level === 6)).toHaveLength(15);
    expect(rows.find((r) => r.code === '2.1.1.4.1.4')).toEqual({
      code: '2.1.1.4.1.4',
      level: 6,
      label: 'ANALISTA PROGRAMMATORE EDP',
      display_label: 'Analista programmatore EDP',
      parent_code: '2.1.1.4.1',
      valid_from: '2011-11-15',
      valid_to: null,
      label_norm: 'analista programmatore edp',
    });
    expect(rows.find((r) => r.code === '5')?.label_norm).toBe('professioni qualificate nelle attivita commerciali e nei servizi');
    expect(rows.find((r) => r.code === '5.2')?.display_label).toBe('Professioni qualificate nelle attività ricettive e della ristorazione');
  });

  it('reads the same table as published elsewhere: Windows-1252, semicolons, CRLF', async () => {
    await importCp2011Levels(db(), LEVELS);
    const utf8 = await occupations(db());
    await resetClassifications(db());
    const dir = tempDir();
    const records = parse(readFileSync(LEVELS, 'utf8')) as string[][];
    const text = records.map((cells) => cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';')).join('\r\n');
    const file = join(dir, 'cp2011_livelli_1-5.csv');
    writeFileSync(file, iconv.encode(`${text}\r\n`, 'win1252'));
    const report = await importCp2011Levels(db(), file);
    expect(report).toMatchObject({ status: 'completed', applied: 19, rejected: [] });
    expect(await occupations(db())).toEqual(utf8);
  });

  it('rejects bad CP2011 rows with their line and an Italian reason, and imports the rest', async () => {
    const report = await importCp2011Levels(db(), join(ERRORS, 'cp2011_livelli_errori.csv'));
    expect(report).toMatchObject({ status: 'completed', total: 12, applied: 3, skipped: 0 });
    expect(report.rejected).toEqual([
      { line: 3, reason: 'livello 3 non coerente con il codice 9.1 (2 segmenti)' },
      { line: 4, reason: 'codice «9.x» non valido: atteso un codice puntato ISTAT (es. 2.1.1.4.1)' },
      { line: 5, reason: 'campo obbligatorio mancante: denominazione' },
      { line: 6, reason: 'codice_padre «8» non coerente con il codice 9.3: atteso 9' },
      { line: 7, reason: 'data_inizio «2011-13-45» non valida: serve una data nel formato AAAA-MM-GG' },
      { line: 8, reason: 'data_fine 2010-01-01 precedente alla data_inizio 2011-11-15' },
      { line: 9, reason: 'codice 9 duplicato: già presente alla riga 2' },
      { line: 10, reason: 'codice_padre 8 non presente: i livelli superiori devono precedere nel file' },
      { line: 11, reason: 'numero di colonne errato: attese 6, trovate 3' },
    ]);
    const rows = await occupations(db());
    // a label across two lines, and the far-future end date of the ministerial tables read as "no end"
    expect(rows.map((r) => [r.code, r.display_label, r.valid_to])).toEqual([
      ['9', 'Professioni non qualificate', null],
      ['9.1', 'Professioni non qualificate nel commercio e nei servizi', null],
      ['9.1.1', 'Addetti alle pulizie', null],
    ]);

    await importCp2011Levels(db(), LEVELS);
    const titles = await importCp2011JobTitles(db(), join(ERRORS, 'cp2011_voci_errori.csv'));
    expect(titles.applied).toBe(1);
    expect(titles.rejected).toEqual([
      { line: 2, reason: 'unità professionale 9.1.1.1.0 non presente: importare prima il file dei livelli CP2011 (cp2011_livelli_1-5.csv)' },
      { line: 3, reason: 'codice_voce «2.1.1.4.1» non valido: attesi 6 segmenti puntati (es. 2.1.1.4.1.3)' },
      { line: 4, reason: 'codice_unita_professionale «2.1.1.4.2» non coerente con la voce 2.1.1.4.1.99: attesa 2.1.1.4.1' },
      { line: 5, reason: 'codice_categoria «2.1.1.3» non coerente con la voce 2.1.1.4.1.98: attesa 2.1.1.4' },
    ]);
  });

  it('rejects bad ATECO rows and keeps the hierarchy (sections → sottocategorie)', async () => {
    const report = await importAtecoFile(db(), join(ERRORS, 'ateco_errori.csv'));
    expect(report.applied).toBe(6);
    expect(report.rejected).toEqual([
      { line: 6, reason: 'codice «62.01.0» non valido per il livello 6 (sottocategoria, es. 62.01.00)' },
      { line: 7, reason: 'tipo_livello «gruppo» non coerente con il livello 4 (classe)' },
      { line: 8, reason: 'codice_padre «63.0» non coerente con il codice 62.03: atteso 62.0' },
      { line: 9, reason: 'codice «Z» non valido per il livello 1 (sezione, es. J)' },
      { line: 10, reason: 'codice_padre «J» non coerente con il codice 63: atteso K' },
      { line: 13, reason: 'codice_padre 64.19 non presente: i livelli superiori devono precedere nel file' },
    ]);
    await resetClassifications(db());
    const [fixture] = await importAteco(db(), CLASSIFICATION_FIXTURES.ateco);
    expect(fixture).toMatchObject({ kind: 'ateco-2007', applied: 18, rejected: [] });
    const subcategory = await db().selectFrom('sectors').selectAll().where('code', '=', '62.01.00').executeTakeFirstOrThrow();
    expect(subcategory).toMatchObject({
      level: 6,
      level_name: 'sottocategoria',
      parent_code: '62.01',
      section: 'J',
      display_label: "Produzione di software non connesso all'edizione",
    });
  });

  it('imports an ESCO export: multi-line labels, one search row per label, relations kept apart', async () => {
    const reports = await importEsco(db(), ESCO, { language: 'en' });
    expect(reports.map((r) => [r.kind, r.source, r.applied, r.rejected.length])).toEqual([
      ['esco-isco-groups', 'ISCOGroups_en.csv', 18, 0],
      ['esco-occupations', 'occupations_en.csv', 5, 0],
      ['esco-skills', 'skills_en.csv', 7, 0],
      ['esco-occupation-skills', 'occupationSkillRelations.csv', 11, 0],
    ]);
    const developer = await db()
      .selectFrom('esco_occupations')
      .selectAll()
      .where('uri', '=', 'http://data.europa.eu/esco/occupation/f1c0a001-0000-4000-8000-000000000001')
      .executeTakeFirstOrThrow();
    expect(developer).toMatchObject({
      language: 'en',
      code: '2512.4',
      isco_group: '2512',
      preferred_label: 'software developer',
      alt_labels: ['software engineer', 'programmer', 'application developer', 'software programmer'],
      hidden_labels: ['sofware developer'],
      status: 'released',
    });
    const labels = await db().selectFrom('esco_occupation_labels').select(['kind', 'label']).where('uri', '=', developer.uri).orderBy('label').execute();
    expect(labels).toHaveLength(6);
    expect(labels.filter((l) => l.kind === 'hidden')).toEqual([{ kind: 'hidden', label: 'sofware developer' }]);
    const nurse = await db().selectFrom('esco_occupations').select('description').where('code', '=', '2221.2').executeTakeFirstOrThrow();
    expect(nurse.description).toBe('General nurses care for patients\nin hospitals and in the community.');
    // a relation to an occupation absent from the label files is kept, as the official v1.1.1 file has 67 of them
    const orphan = await db().selectFrom('esco_occupation_skills').selectAll().where('occupation_uri', 'like', '%000000000099').execute();
    expect(orphan).toHaveLength(1);
    const isco = await db().selectFrom('isco_groups').selectAll().where('code', '=', '2512').executeTakeFirstOrThrow();
    expect(isco).toMatchObject({ parent_code: '251', preferred_label: 'Software developers', language: 'en' });
    expect(isco.description).toContain('\nSecond line.');
  });

  it('imports the Italian export the same way, beside the English one; the shared relations file is not imported twice', async () => {
    await importEsco(db(), ESCO, { language: 'en' });
    const italian = await importEsco(db(), ESCO, { language: 'it' });
    expect(italian.map((r) => [r.kind, r.source, r.status, r.applied])).toEqual([
      ['esco-occupations', 'occupations_it.csv', 'completed', 5],
      ['esco-skills', 'skills_it.csv', 'completed', 6],
      ['esco-occupation-skills', 'occupationSkillRelations.csv', 'already-imported', 11],
    ]);
    const languages = await db().selectFrom('esco_occupations').select(['language']).where('code', '=', '5120.1').orderBy('language').execute();
    expect(languages.map((l) => l.language)).toEqual(['en', 'it']);
    const it = await db()
      .selectFrom('esco_occupation_labels')
      .select('label')
      .where('language', '=', 'it')
      .where('uri', 'like', '%000000000003')
      .orderBy('label')
      .execute();
    expect(it.map((l) => l.label)).toEqual(['chef', 'cuoca', 'cuoco', 'cuoco di ristorante']);
  });

  it('finds the language in the folder, and refuses an ambiguous folder or a wrong header', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'occupations_en.csv'), readFileSync(join(ESCO, 'occupations_en.csv')));
    writeFileSync(join(dir, 'skills_en.csv'), readFileSync(join(ESCO, 'skills_en.csv')));
    const reports = await importEsco(db(), dir);
    expect(reports.map((r) => r.kind)).toEqual(['esco-occupations', 'esco-skills']);
    await expect(importEsco(db(), ESCO)).rejects.toThrow(/Più lingue ESCO .*en, it|Più lingue ESCO .*it, en/);
    await expect(importEsco(db(), dir, { language: 'it' })).rejects.toThrow(/mancano occupations_it.csv, skills_it.csv/);
    await expect(importCp2011Levels(db(), join(ESCO, 'skills_en.csv'))).rejects.toThrow(/Intestazione non riconosciuta: mancano le colonne «codice/);
    await expect(importCp2011(db(), join(dir, 'nessuna'))).rejects.toThrow(/non trovato/);
  });

  it('rejects bad ESCO rows with the line where the record starts, across multi-line cells', async () => {
    const report = await importEscoOccupations(db(), join(ERRORS, 'occupations_errori_en.csv'));
    expect(report.applied).toBe(1);
    expect(report.rejected).toEqual([
      { line: 4, reason: 'conceptUri «https://example.org/occupation/1» non valido: atteso un URI ESCO http://data.europa.eu/esco/occupation/…' },
      { line: 5, reason: 'iscoGroup «25» non valido: atteso un gruppo ISCO-08 di 4 cifre' },
      { line: 6, reason: 'campo obbligatorio mancante: preferredLabel' },
      { line: 7, reason: 'code 2511.3 non appartiene al gruppo ISCO 2512' },
      { line: 8, reason: 'conceptType «KnowledgeSkillCompetence» non atteso in questo file: atteso Occupation' },
      {
        line: 9,
        reason: 'conceptUri http://data.europa.eu/esco/occupation/f1c0e003-0000-4000-8000-000000000001 duplicato: già presente alla riga 2',
      },
      { line: 10, reason: 'modifiedDate «ieri» non valida: attesa una data e ora ISO 8601' },
    ]);
    const relations = await importEscoRelations(db(), join(ERRORS, 'occupationSkillRelations_errori.csv'));
    expect(relations.applied).toBe(2);
    expect(relations.rejected.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [3, 'relationType «mandatory» non valido'],
      [4, 'coppia occupazione–abilità http'],
      [5, 'skillUri «http'],
    ]);
  });

  it('does nothing the second time the same file is imported, unless forced; a forced run converges on the same rows', async () => {
    const first = await importClassificationFixtures(db());
    const before = { cp2011: await occupations(db()), esco: await escoState(db()) };
    const second = await importClassificationFixtures(db());
    expect(second.map((r) => r.status)).toEqual(first.map(() => 'already-imported'));
    const forced = await importEsco(db(), ESCO, { language: 'en', force: true });
    expect(forced.every((r) => r.status === 'completed')).toBe(true);
    await importCp2011(db(), CP2011, undefined, { force: true });
    expect({ cp2011: await occupations(db()), esco: await escoState(db()) }).toEqual(before);
  });

  it('a changed ESCO file replaces the labels of its concepts', async () => {
    await importEscoOccupations(db(), join(ESCO, 'occupations_en.csv'));
    const dir = tempDir();
    const changed = join(dir, 'occupations_en.csv');
    writeFileSync(changed, readFileSync(join(ESCO, 'occupations_en.csv'), 'utf8').replace('line cook\n', ''));
    expect(await importEscoOccupations(db(), changed)).toMatchObject({ status: 'completed', applied: 5 });
    const labels = await db()
      .selectFrom('esco_occupation_labels')
      .select('label')
      .where('uri', 'like', '%000000000003')
      .where('language', '=', 'en')
      .orderBy('label')
      .execute();
    expect(labels.map((l) => l.label)).toEqual(['chef', 'cook', 'restaurant cook']);
  });

  it('resumes an interrupted import after the last committed batch: no loss, no duplicate', async () => {
    await importEsco(db(), ESCO, { language: 'en' });
    const clean = await escoState(db());
    await resetClassifications(db());

    const relations = join(ESCO, 'occupationSkillRelations.csv');
    const stop = abortAfter(4);
    await expect(importEscoRelations(db(), relations, { batchSize: 4, ...stop })).rejects.toThrow(ImportInterruptedError);
    expect(await db().selectFrom('esco_occupation_skills').select('skill_uri').execute()).toHaveLength(4);
    expect(await db().selectFrom('import_runs').select(['status', 'rows_applied']).where('kind', '=', 'esco-occupation-skills').execute()).toEqual([
      { status: 'running', rows_applied: 4 },
    ]);

    // a crash in the middle of the occupations (the process dies after the second batch)
    await expect(
      importEscoOccupations(db(), join(ESCO, 'occupations_en.csv'), {
        batchSize: 2,
        onProgress: (done) => {
          if (done >= 4) throw new Error('processo terminato');
        },
      }),
    ).rejects.toThrow('processo terminato');

    const progress: number[] = [];
    const reports = await importEsco(db(), ESCO, { language: 'en', batchSize: 4 }, (done) => {
      progress.push(done);
    });
    expect(reports.map((r) => [r.kind, r.status, r.total, r.applied])).toEqual([
      ['esco-isco-groups', 'completed', 18, 18],
      ['esco-occupations', 'completed', 5, 5],
      ['esco-skills', 'completed', 7, 7],
      ['esco-occupation-skills', 'completed', 11, 11],
    ]);
    expect(progress.at(-1)).toBe(11);
    expect(await escoState(db())).toEqual(clean);
  });
});
