import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngines } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { importEsco } from './importer/esco.ts';
import { CLASSIFICATION_FIXTURES, importClassificationFixtures } from './importer/referenceSets.ts';
import {
  ESCO_LINK_NOTE,
  escoLanguage,
  findOccupation,
  searchEscoOccupations,
  searchOccupations,
  searchSectors,
  searchSkills,
  skillsOfEscoOccupation,
} from './store.ts';
import { resetClassifications } from './testing.ts';

const limit = 10;
const PASTRY_MAKER = 'f1c0a001-0000-4000-8000-000000000004';

describe.each(testEngines())('classification pickers on %s (hand-made fixtures)', (engine) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const occupations = async (q: string, minLevel?: number) =>
    (await searchOccupations(db(), q, { limit, minLevel })).map((h) => `${h.code} ${h.label} [${h.match}]`);
  const labels = async (q: string) => (await searchOccupations(db(), q, { limit })).map((h) => h.sourceLabel);

  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await importClassificationFixtures(db());
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('tolerates typos: "programatore" finds the programmers', async () => {
    const hits = await occupations('programatore');
    expect(hits.slice(0, 2)).toEqual(['2.1.1.4.1.3 Analista programmatore [stem]', '3.1.2.1.0.1 Programmatore informatico [stem]']);
    expect(await labels('svilupatore sofware')).toContain('SVILUPPATORE SOFTWARE');
  });

  it('singular and plural in Italian: "infermieri" ↔ "Infermiere", "cuochi" ↔ "Cuoco"', async () => {
    expect((await occupations('infermieri'))[0]).toBe('3.2.1.1.1.1 Infermiere [similar]');
    const nurse = await occupations('infermiere');
    expect(nurse[0]).toBe('3.2.1.1.1.1 Infermiere [exact]');
    expect(nurse[1]).toBe('3.2.1.1.1.2 Infermiere pediatrico [prefix]');
    expect(nurse).toContain('3.2.1.1.1 Professioni sanitarie infermieristiche [stem]');
    const cooks = await occupations('cuochi');
    expect(cooks[0]).toBe('5.2.2.1 Cuochi in alberghi e ristoranti [prefix]');
    expect(cooks).toContain('5.2.2.1.0.18 Cuoco pizzaiolo [stem]');
  });

  it('ignores accents and apostrophes: "attivita" and "attività" find both spellings of the source', async () => {
    for (const q of ['attivita', 'attività', 'ATTIVITA’']) {
      const codes = (await searchOccupations(db(), q, { limit })).map((h) => h.code);
      expect(codes).toEqual(expect.arrayContaining(['5', '5.2', '5.2.2']));
    }
  });

  it('completes a prefix, whole words first', async () => {
    expect((await occupations('svil'))[0]).toBe('2.1.1.4.1.17 Sviluppatore software [prefix]');
    expect((await occupations('analista prog')).slice(0, 2)).toEqual([
      '2.1.1.4.1.3 Analista programmatore [prefix]',
      '2.1.1.4.1.4 Analista programmatore EDP [prefix]',
    ]);
  });

  it('returns the path of the parents and filters by level', async () => {
    const [hit] = await searchOccupations(db(), 'analista programmatore', { limit: 1 });
    expect(hit).toMatchObject({ code: '2.1.1.4.1.3', level: 6, levelName: 'voce professionale', sourceLabel: 'ANALISTA PROGRAMMATORE' });
    expect(hit?.path.map((p) => p.code)).toEqual(['2', '2.1', '2.1.1', '2.1.1.4', '2.1.1.4.1']);
    expect(hit?.path[4]?.label).toBe('Analisti e progettisti di software');
    const levels = (await searchOccupations(db(), 'programmatori', { limit, minLevel: 6 })).map((h) => h.level);
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set([6]));
  });

  it('searches by code: the code itself, then what is under it', async () => {
    expect((await occupations('2.1.1.4')).slice(0, 3)).toEqual([
      '2.1.1.4 Analisti e progettisti di software [exact]',
      '2.1.1.4.1 Analisti e progettisti di software [prefix]',
      '2.1.1.4.1.0 Analisti e progettisti di software [prefix]',
    ]);
    expect((await occupations('3.'))[0]).toBe('3 Professioni tecniche [exact]');
  });

  it('finds nothing for stop words alone or a single letter', async () => {
    expect(await occupations('di')).toEqual([]);
    expect(await occupations('a')).toEqual([]);
    expect(await occupations('zzzzzz')).toEqual([]);
  });

  it('shows one occupation with its parents, children in numeric order, and no invented ESCO link', async () => {
    const unit = await findOccupation(db(), '2.1.1.4.1');
    expect(unit?.children.map((c) => c.code)).toEqual(['2.1.1.4.1.0', '2.1.1.4.1.3', '2.1.1.4.1.4', '2.1.1.4.1.17']);
    expect(unit).toMatchObject({ level: 5, validFrom: '2011-11-15', validTo: null, esco: { occupations: [], note: ESCO_LINK_NOTE } });
    expect(unit?.path.map((p) => p.code)).toEqual(['2', '2.1', '2.1.1', '2.1.1.4']);
    expect(await findOccupation(db(), '9.9')).toBeNull();
  });

  it('ATECO: text, typos and codes, with the section in the path', async () => {
    const food = await searchSectors(db(), 'ristorazione', { limit });
    expect(food[0]).toMatchObject({ code: '56.10.11', match: 'prefix', section: 'I' });
    expect(food[0]?.path.map((p) => p.code)).toEqual(['I', '56', '56.1', '56.10']);
    expect((await searchSectors(db(), 'pasticeria', { limit }))[0]?.code).toBe('10.71.20');
    expect((await searchSectors(db(), '62.0', { limit })).map((h) => h.code)).toEqual(['62.0', '62.01', '62.02', '62.01.00', '62.02.00']);
    expect((await searchSectors(db(), 'software', { limit: 20, minLevel: 6 })).map((h) => h.code)).toEqual(['62.01.00']);
  });

  it('ESCO occupations in English: alternative and hidden labels, stems, accents', async () => {
    const [programmer] = await searchEscoOccupations(db(), 'programmer', { limit, language: 'en' });
    expect(programmer).toMatchObject({
      id: 'f1c0a001-0000-4000-8000-000000000001',
      label: 'software developer',
      matchedLabel: 'programmer',
      match: 'label',
      iscoGroup: '2512',
    });
    // "sofware developer" is a hidden label (a known misspelling): found, never shown
    expect((await searchEscoOccupations(db(), 'sofware developer', { limit, language: 'en' }))[0]).toMatchObject({
      label: 'software developer',
      matchedLabel: null,
    });
    expect((await searchEscoOccupations(db(), 'nurses', { limit, language: 'en' }))[0]?.label).toBe('general nurse');
    expect((await searchEscoOccupations(db(), 'patissier', { limit, language: 'en' }))[0]).toMatchObject({ label: 'pastry maker', matchedLabel: 'pâtissier' });
    expect((await searchEscoOccupations(db(), 'plumber', { limit, language: 'en' })).length).toBe(0);
  });

  it('ESCO in Italian: the same concepts, Italian labels and stemmer', async () => {
    expect((await searchEscoOccupations(db(), 'programmatrice', { limit, language: 'it' }))[0]).toMatchObject({
      label: 'sviluppatore software',
      matchedLabel: 'programmatrice',
      language: 'it',
    });
    expect((await searchEscoOccupations(db(), 'infermiera', { limit, language: 'it' }))[0]?.label).toBe('infermiere generico');
    expect((await searchEscoOccupations(db(), 'cuochi', { limit, language: 'it' }))[0]?.label).toBe('cuoco');
    expect((await searchSkills(db(), 'igene', { limit, language: 'it' }))[0]?.label).toBe('igiene e sicurezza alimentare');
    expect((await searchSkills(db(), 'hygene', { limit, language: 'en' }))[0]).toMatchObject({ label: 'food safety and hygiene', skillType: 'knowledge' });
    expect(await escoLanguage(db(), 'esco_skills', undefined)).toBe('it');
    expect(await escoLanguage(db(), 'esco_skills', 'en')).toBe('en');
  });

  it('lists the essential and optional skills of an ESCO occupation, in English where a language lacks a label', async () => {
    const english = await skillsOfEscoOccupation(db(), PASTRY_MAKER, 'en');
    expect(english?.occupation).toMatchObject({ code: '7512.3', label: 'pastry maker', language: 'en' });
    expect(english?.essential.map((s) => s.label)).toEqual(['bake pastries', 'prepare food']);
    expect(english?.optional.map((s) => s.label)).toEqual(['food safety and hygiene']);
    const italian = await skillsOfEscoOccupation(db(), PASTRY_MAKER, 'it');
    expect(italian?.occupation.label).toBe('pasticciere');
    expect(italian?.essential.map((s) => [s.label, s.language])).toEqual([
      ['bake pastries', 'en'],
      ['preparare i cibi', 'it'],
    ]);
    expect(await skillsOfEscoOccupation(db(), 'f1c0a001-0000-4000-8000-000000000099', 'en')).toBeNull();
  });

  it('without Italian labels the default language is English', async () => {
    await resetClassifications(db());
    await importEsco(db(), CLASSIFICATION_FIXTURES.esco, { language: 'en' });
    expect(await escoLanguage(db(), 'esco_occupations', undefined)).toBe('en');
    await importClassificationFixtures(db());
  });
});
