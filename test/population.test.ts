import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadPopulation,
  loadReferenceData,
  NOTICE_COLUMNS,
  NOTICES_FILE,
  PEOPLE_COLUMNS,
  PEOPLE_FILE,
  PopulationGenerator,
  PROFILES_FILE,
  type ProfileRecord,
  type ReferenceData,
  writePopulation,
} from '../src/demo/population/index.ts';
import { importClassificationFixtures } from '../src/modules/classifications/index.ts';
import { ensureAgency, importFixture } from '../src/modules/organisation/index.ts';
import { parseTaxCode, taxCodeBaseForm } from '../src/modules/people/taxCode.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { type EngineName, freshDatabase, testEngines } from './support/databases.ts';

const SHARED_DATA = join(import.meta.dirname, '../../shared/data');

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const csv = (path: string) => parse(readFileSync(path), { delimiter: ';', columns: true, bom: true }) as Record<string, string>[];
const tmp = () => mkdtempSync(join(tmpdir(), 'ponte-population-'));

let reference: ReferenceData;
let referenceDb: DatabaseHandle;

beforeAll(async () => {
  // An empty database: the generator falls back to the fixtures for geography and classifications.
  referenceDb = await freshDatabase('pglite');
  reference = await loadReferenceData(referenceDb.db);
}, 120_000);
afterAll(async () => {
  await referenceDb?.close();
});

describe('synthetic population generator', () => {
  it('uses the fixtures when the database has no reference data', () => {
    expect(reference.source).toEqual({ geography: 'fixture', classifications: 'fixture' });
    expect(reference.municipalities.length).toBeGreaterThan(5);
    expect(reference.occupations.every((o) => /^\d(\.\d+){4}$/.test(o.code))).toBe(true);
  });

  it('is deterministic: same seed and options give byte-identical files, another seed different ones', async () => {
    const options = { people: 400, notices: 1400, seed: 11, shuffleWindow: 50 };
    const [a, b, c] = [tmp(), tmp(), tmp()];
    await writePopulation(reference, a, options);
    await writePopulation(reference, b, options);
    await writePopulation(reference, c, { ...options, seed: 12 });
    for (const f of [PEOPLE_FILE, PROFILES_FILE, NOTICES_FILE]) {
      expect(sha(join(a, f)), f).toBe(sha(join(b, f)));
      expect(sha(join(a, f)), f).not.toBe(sha(join(c, f)));
    }
  });

  it('writes valid, unique tax codes matching the declared data, with foreign-born people and omocodes', async () => {
    const dir = tmp();
    await writePopulation(reference, dir, { people: 3000, notices: 9000, seed: 5, omocodeShare: 0.01 });
    const people = csv(join(dir, PEOPLE_FILE));
    expect(Object.keys(people[0]!)).toEqual([...PEOPLE_COLUMNS]);
    expect(people).toHaveLength(3000);
    const codes = new Set<string>();
    let omocodes = 0;
    let foreign = 0;
    const municipalities = new Set(reference.municipalities.map((m) => m.istatCode));
    for (const p of people) {
      const parsed = parseTaxCode(p.codice_fiscale!);
      expect(parsed.valid, p.codice_fiscale).toBe(true);
      if (parsed.valid && parsed.kind === 'personal' && parsed.isOmocode) omocodes++;
      codes.add(p.codice_fiscale!);
      if (p.comune_nascita!.startsWith('Z')) foreign++;
      // Base form carries the declared birthplace; sex and age range.
      expect(taxCodeBaseForm(p.codice_fiscale!).slice(11, 15)).toBe(p.comune_nascita);
      const age = 2025 - Number(p.data_nascita!.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(16);
      expect(age).toBeLessThanOrEqual(68);
      expect(municipalities.has(p.comune_residenza!)).toBe(true);
    }
    expect(codes.size).toBe(people.length);
    expect(omocodes).toBeGreaterThan(0);
    expect(foreign / people.length).toBeGreaterThan(0.07);
    expect(foreign / people.length).toBeLessThan(0.18);
  });

  it('checks each birthplace against the Belfiore dataset on the birth date', async () => {
    const { checkBirthplace } = await import('../src/modules/people/taxCode.ts');
    const generator = new PopulationGenerator(reference, { people: 300, notices: 0, seed: 3 });
    const seen = new Set<string>();
    for (const item of generator.items()) {
      if (item.kind !== 'person') continue;
      const key = `${item.person.birthplaceCode}@${item.person.birthDate}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const check = await checkBirthplace(item.person.birthplaceCode, item.person.birthDate);
      expect(check.exists, `${key}: ${check.message}`).toBe(true);
    }
  });

  it('writes notices in the agreed format: exact count, unique codes, valid references, proportions as configured', async () => {
    const dir = tmp();
    const summary = await writePopulation(reference, dir, {
      people: 2000,
      notices: 7000,
      seed: 9,
      rectificationShare: 0.03,
      cancellationShare: 0.01,
      unregisteredShare: 0.02,
      shuffleWindow: 500,
    });
    const rows = csv(join(dir, NOTICES_FILE));
    expect(Object.keys(rows[0]!)).toEqual([...NOTICE_COLUMNS]);
    expect(rows).toHaveLength(7000);
    expect(summary.notices).toBe(7000);
    const codes = new Set(rows.map((r) => r.codice_comunicazione));
    expect(codes.size).toBe(rows.length);
    const people = new Set(csv(join(dir, PEOPLE_FILE)).map((p) => p.codice_fiscale));
    const count = (f: (r: Record<string, string>) => boolean) => rows.filter(f).length;
    let outOfOrder = 0;
    const corrected = new Set<string>();
    const position = new Map(rows.map((r, i) => [r.codice_comunicazione, i]));
    for (const r of rows) {
      expect(r.codice_comunicazione).toMatch(/^[A-Z0-9]{1,32}$/);
      expect(['INVIO', 'RETTIFICA', 'ANNULLAMENTO']).toContain(r.tipo_comunicazione);
      expect(['AVV', 'PRO', 'TRA', 'CES']).toContain(r.tipo_evento);
      for (const c of ['data_invio', 'cf_datore', 'denominazione_datore', 'cf_lavoratore', 'cognome_lavoratore', 'nome_lavoratore', 'data_inizio'])
        expect(r[c], `${c} in ${r.codice_comunicazione}`).not.toBe('');
      expect(parseTaxCode(r.cf_lavoratore!).valid).toBe(true);
      expect(parseTaxCode(r.cf_datore!).valid).toBe(true); // 11-digit partita IVA: same check digit rule
      if (r.tipo_evento === 'AVV' || r.tipo_evento === 'TRA') expect(r.tipologia_contrattuale).not.toBe('');
      if (r.tipo_evento === 'PRO') expect(r.data_proroga).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (r.tipo_evento === 'TRA') expect(r.data_trasformazione).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (r.tipo_evento === 'CES') expect(r.data_cessazione! >= r.data_inizio!).toBe(true);
      if (r.tipo_comunicazione === 'INVIO') expect(r.codice_comunicazione_precedente).toBe('');
      else {
        expect(codes.has(r.codice_comunicazione_precedente!), `${r.codice_comunicazione} → ${r.codice_comunicazione_precedente}`).toBe(true);
        // A notice is rectified or cancelled at most once (the importer refuses a second correction).
        expect(corrected.has(r.codice_comunicazione_precedente!), `${r.codice_comunicazione_precedente} corretta due volte`).toBe(false);
        corrected.add(r.codice_comunicazione_precedente!);
        if (position.get(r.codice_comunicazione_precedente!)! > position.get(r.codice_comunicazione!)!) outOfOrder++;
      }
    }
    const hires = rows.filter((r) => r.tipo_comunicazione === 'INVIO' && r.tipo_evento === 'AVV');
    const share = (n: number, of: number) => n / of;
    expect(
      share(
        count((r) => r.tipo_comunicazione === 'RETTIFICA'),
        7000,
      ),
    ).toBeCloseTo(0.03, 2);
    expect(
      share(
        count((r) => r.tipo_comunicazione === 'ANNULLAMENTO'),
        7000,
      ),
    ).toBeCloseTo(0.01, 2);
    const unregistered = count((r) => !people.has(r.cf_lavoratore!));
    expect(share(unregistered, 7000)).toBeGreaterThan(0.015);
    expect(share(unregistered, 7000)).toBeLessThan(0.05);
    const byContract = (c: string) => share(hires.filter((h) => h.tipologia_contrattuale === c).length, hires.length);
    expect(byContract('A.02.00')).toBeGreaterThan(0.55); // 0.62 configured, plus apprenticeships of people over 30
    expect(byContract('A.02.00')).toBeLessThan(0.75);
    expect(byContract('A.01.00')).toBeGreaterThan(0.1);
    expect(byContract('A.01.00')).toBeLessThan(0.2);
    expect(byContract('A.05.02')).toBeGreaterThan(0.08);
    expect(byContract('C.01.00')).toBeGreaterThan(0.02);
    expect(byContract('A.03.09')).toBeGreaterThan(0.005);
    for (const ev of ['PRO', 'TRA', 'CES']) expect(count((r) => r.tipo_evento === ev)).toBeGreaterThan(100);
    const withoutPay = share(hires.filter((h) => h.retribuzione_annua_lorda === '').length, hires.length);
    expect(withoutPay).toBeGreaterThan(0.05);
    expect(withoutPay).toBeLessThan(0.2);
    const years = rows.map((r) => Number(r.data_invio!.slice(0, 4)));
    expect(share(years.filter((y) => y >= 2019 && y <= 2024).length, years.length)).toBeGreaterThan(0.97);
    expect(outOfOrder).toBeGreaterThan(0); // shuffled: some rectifications arrive before the notice they replace
  });

  it('writes profiles with real classification codes and Italian titles with EQF levels', async () => {
    const dir = tmp();
    await writePopulation(reference, dir, { people: 500, notices: 1500, seed: 2 });
    const profiles = readFileSync(join(dir, PROFILES_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ProfileRecord);
    expect(profiles.length / 500).toBeGreaterThan(0.7);
    const occupations = new Set(reference.occupations.map((o) => o.code));
    const sectors = new Set(reference.sectors.map((s) => s.code));
    for (const p of profiles) {
      for (const e of p.experiences) {
        expect(occupations.has(e.occupationCode)).toBe(true);
        if (e.sectorCode) expect(sectors.has(e.sectorCode)).toBe(true);
        if (e.endedOn) expect(e.endedOn >= e.startedOn).toBe(true);
      }
      for (const t of p.education) if (t.eqfLevel !== null) expect(t.eqfLevel).toBeGreaterThanOrEqual(1);
      expect(p.languages.filter((l) => l.motherTongue)).toHaveLength(1);
    }
    expect(profiles.some((p) => p.education.some((t) => t.eqfLevel === 6 || t.eqfLevel === 7))).toBe(true);
  });

  it('generates lazily, one person at a time, with an exact notice count', async () => {
    const generator = new PopulationGenerator(reference, { people: 20_000, notices: 70_000, seed: 1 });
    let notices = 0;
    for (const item of generator.items()) notices += item.notices.length;
    expect(notices).toBe(70_000);
  }, 60_000);
});

describe.each(testEngines())('population loader on %s', (engine: EngineName) => {
  let handle: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    handle = await freshDatabase(engine);
    await importFixture(handle.db, await ensureAgency(handle.db));
    await importClassificationFixtures(handle.db);
    dir = tmp();
    await writePopulation(await loadReferenceData(handle.db), dir, { people: 300, notices: 900, seed: 4 });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('loads people with their job centre, declarations, timelines and profiles; a rerun adds nothing', async () => {
    const first = await loadPopulation(handle.db, dir, { batchSize: 120 });
    expect(first.rejected).toEqual([]);
    expect(first.people.inserted).toBe(300);
    expect(first.profiles.inserted).toBeGreaterThan(200);
    const counts = async () => ({
      people: Number(
        (
          await handle.db
            .selectFrom('people')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      declarations: Number(
        (
          await handle.db
            .selectFrom('availability_declarations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      periods: Number(
        (
          await handle.db
            .selectFrom('status_periods')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      profiles: Number(
        (
          await handle.db
            .selectFrom('person_profiles')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      experiences: Number(
        (
          await handle.db
            .selectFrom('person_experiences')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    const before = await counts();
    expect(before.declarations).toBe(first.declarations);
    expect(before.periods).toBeGreaterThanOrEqual(first.timelines);
    expect(before.profiles).toBe(first.profiles.inserted);
    const again = await loadPopulation(handle.db, dir);
    expect(again.people).toEqual({ read: 300, inserted: 0, skipped: 300 });
    expect(again.profiles.inserted).toBe(0);
    expect(await counts()).toEqual(before);

    // Competent job centre: from the domicile when there is one, else the residence (as registration does).
    const people = await handle.db
      .selectFrom('people')
      .innerJoin('job_centre_competence as c', (j) =>
        j.onRef(
          'c.municipality_istat_code',
          '=',
          (eb) => eb.fn.coalesce('people.domicile_municipality_istat_code', 'people.residence_municipality_istat_code') as never,
        ),
      )
      .select(['people.job_centre_id', 'c.job_centre_id as expected'])
      .execute();
    expect(people.length).toBe(300);
    for (const p of people) expect(p.job_centre_id).toBe(p.expected);
  });

  it('stores the same timelines in bulk as recomputeStatus does person by person', async () => {
    const other = await freshDatabase(engine);
    try {
      await importFixture(other.db, await ensureAgency(other.db));
      await loadPopulation(other.db, dir, { timelines: 'per-person' });
      const periods = (db: DatabaseHandle) =>
        db.db
          .selectFrom('status_periods')
          .innerJoin('people', 'people.id', 'status_periods.person_id')
          .select(['people.tax_code', 'valid_from', 'valid_to', 'state', 'rule_id'])
          .orderBy('people.tax_code')
          .orderBy('valid_from')
          .execute();
      const bulk = await periods(handle);
      expect(bulk.length).toBeGreaterThan(100);
      expect(await periods(other)).toEqual(bulk);
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe('population from the real ../shared/data', () => {
  const present = existsSync(join(SHARED_DATA, 'istat-comuni'));
  if (!present) console.warn(`⚠ ${SHARED_DATA} assente: il test della popolazione con i dati reali è saltato.`);
  it.skipIf(!present)(
    'uses the real Tuscan municipalities and classifications once imported',
    async () => {
      const { importTuscanyFromSharedData } = await import('../src/modules/organisation/index.ts');
      const { importCp2011, importAteco } = await import('../src/modules/classifications/index.ts');
      const handle = await freshDatabase('pglite');
      try {
        await importTuscanyFromSharedData(handle.db, SHARED_DATA, await ensureAgency(handle.db));
        await importCp2011(handle.db, join(SHARED_DATA, 'cp2011-professioni'));
        await importAteco(handle.db, join(SHARED_DATA, 'ateco-2007'));
        const real = await loadReferenceData(handle.db);
        expect(real.source.geography).toBe('database');
        expect(real.source.classifications).toBe('database');
        expect(real.municipalities.length).toBeGreaterThan(250);
        expect(real.occupations.length).toBeGreaterThan(700);
        const dir = tmp();
        await writePopulation(real, dir, { people: 2000, notices: 6000, seed: 1 });
        const people = csv(join(dir, PEOPLE_FILE));
        const places = new Set(people.map((p) => p.comune_residenza));
        expect(places.size).toBeGreaterThan(100);
        // Weighted by population: Florence is the most frequent residence.
        const florence = people.filter((p) => p.comune_residenza === '048017').length;
        expect(florence / people.length).toBeGreaterThan(0.05);
        const loaded = await loadPopulation(handle.db, dir);
        expect(loaded.rejected).toEqual([]);
        expect(loaded.people.inserted).toBe(2000);
      } finally {
        await handle.close();
      }
    },
    600_000,
  );
});
