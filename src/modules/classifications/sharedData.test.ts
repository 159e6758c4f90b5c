import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngines } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { ClassificationImportReport } from './importer/common.ts';
import { importClassificationsFromSharedData } from './importer/referenceSets.ts';
import { findOccupation, searchEscoOccupations, searchOccupations, searchSectors, searchSkills, skillsOfEscoOccupation } from './store.ts';
import { sharedDataDirOrNull } from './testing.ts';

/** The real CP2011, ATECO 2007 and ESCO v1.1.1 (English) copies in ../shared/data: counts and a few real searches. */
const sharedDataDir = sharedDataDirOrNull('classificazioni');
const suite = sharedDataDir ? describe.each(testEngines()) : describe.skip.each(testEngines());

suite('real classifications on %s', (engine) => {
  let handle: DatabaseHandle;
  let reports: ClassificationImportReport[];
  const db = () => handle.db;
  const top = async (q: string, n = 3) => (await searchOccupations(db(), q, { limit: n })).map((h) => `${h.code} ${h.sourceLabel}`);

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    reports = await importClassificationsFromSharedData(db(), sharedDataDir as string);
    await sql`analyze`.execute(db());
  }, 600_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('imports every row of the official files, none rejected', () => {
    expect(reports.map((r) => [r.kind, r.status, r.total, r.applied, r.rejected.length])).toEqual([
      ['cp2011-levels', 'completed', 1486, 1486, 0],
      ['cp2011-job-titles', 'completed', 7517, 7517, 0],
      ['ateco-2007', 'completed', 2220, 2220, 0],
      ['esco-isco-groups', 'completed', 619, 619, 0],
      ['esco-occupations', 'completed', 3007, 3007, 0],
      ['esco-skills', 'completed', 13896, 13896, 0],
      ['esco-occupation-skills', 'completed', 123855, 123855, 0],
    ]);
  });

  it('has the ISTAT counts per level and the ESCO counts', async () => {
    const count = async (query: ReturnType<typeof sql<{ level: number; n: string }>>) => (await query.execute(db())).rows.map((r) => [r.level, Number(r.n)]);
    expect(await count(sql`select level, count(*) as n from occupations group by level order by level`)).toEqual([
      [1, 9],
      [2, 37],
      [3, 129],
      [4, 511],
      [5, 800],
      [6, 7517],
    ]);
    expect(await count(sql`select level, count(*) as n from sectors group by level order by level`)).toEqual([
      [1, 21],
      [2, 88],
      [3, 272],
      [4, 615],
      [6, 1224],
    ]);
    const totals = await sql<{ occupations: string; skills: string; relations: string; orphans: string }>`
      select (select count(*) from esco_occupations where language = 'en') as occupations,
        (select count(*) from esco_skills where language = 'en') as skills,
        (select count(*) from esco_occupation_skills) as relations,
        (select count(*) from esco_occupation_skills r where not exists (select 1 from esco_occupations o where o.uri = r.occupation_uri)) as orphans`.execute(
      db(),
    );
    // 67 relations of the official file name an occupation that occupations_en.csv does not have: kept (see esco.ts)
    expect(totals.rows[0]).toEqual({ occupations: '3007', skills: '13896', relations: '123855', orphans: '67' });
  });

  it('a second import of the same files does nothing', async () => {
    const again = await importClassificationsFromSharedData(db(), sharedDataDir as string);
    expect(again.map((r) => r.status)).toEqual(reports.map(() => 'already-imported'));
  });

  it('finds real occupations despite typos, plural for singular and accents', async () => {
    expect(await top('programatore', 5)).toContain('3.1.2.1.0.1 PROGRAMMATORE INFORMATICO');
    expect((await top('infermieri'))[0]).toBe('3.2.1.1.1.1 INFERMIERE');
    expect((await top('idrualico'))[0]).toBe('6.1.3.6.1.2 IDRAULICO');
    expect((await top('cuochi'))[0]).toBe('5.2.2.1 CUOCHI IN ALBERGHI E RISTORANTI');
    expect((await top('badante'))[0]).toBe('5.4.4.3.0.10 BADANTE');
    expect((await top('operatore socio sanitario'))[0]).toBe('5.3.1.1.0.4 OPERATORE SOCIOSANITARIO');
    expect(await top('attivita commerciali', 10)).toContain("5 PROFESSIONI QUALIFICATE NELLE ATTIVITA' COMMERCIALI E NEI SERVIZI");
    const unit = await findOccupation(db(), '2.1.1.4.1');
    expect(unit?.children).toHaveLength(18);
  });

  it('finds real sectors, ESCO occupations and skills', async () => {
    expect((await searchSectors(db(), 'comercio al dettaglio di pane', { limit: 3 }))[0]?.code).toBe('47.24.10');
    expect((await searchSectors(db(), '62.01', { limit: 3 })).map((h) => h.code)).toEqual(['62.01', '62.01.00']);
    const en = { limit: 3, language: 'en' };
    expect((await searchEscoOccupations(db(), 'programmer', en))[0]).toMatchObject({ label: 'software developer', matchedLabel: 'programmer' });
    expect((await searchEscoOccupations(db(), 'plumbr', en))[0]?.label).toBe('plumber');
    expect((await searchEscoOccupations(db(), 'wire drawer', en))[0]?.label).toBe('metal drawing machine operator');
    expect((await searchSkills(db(), 'projct managment', en))[0]?.label).toBe('project management');
    expect((await searchSkills(db(), 'comunication', en))[0]?.label).toBe('communication');
    const [developer] = await searchEscoOccupations(db(), 'software developer', en);
    const skills = await skillsOfEscoOccupation(db(), developer?.id as string, 'en');
    expect(skills?.occupation.code).toBe('2512.4');
    expect(skills?.essential.length).toBeGreaterThan(5);
    expect(skills?.essential.every((s) => s.language === 'en')).toBe(true);
  });
});
