import { describe, expect, it } from 'vitest';
import { bandTableOn, classOf, PROFILING_BAND_TABLES } from './bands.ts';
import { ageOn, checkVersion, experienceMonths, explain, MODEL_VERSIONS, type ModelVersion, type ProfilingInputs, versionOn } from './model.ts';

const UNKNOWN: ProfilingInputs = { unemploymentDays: null, eqfLevel: null, experienceMonths: null, age: null };
const ON = '2026-06-15';
const sum = (e: NonNullable<ReturnType<typeof explain>>) => e.contributions.reduce((s, c) => s + c.contribution, e.base);

describe('local profiling estimate (model.ts)', () => {
  it('every shipped version is well formed: ordered bands, estimate always within [0, 1]', () => {
    for (const version of MODEL_VERSIONS) expect(checkVersion(version)).toEqual([]);
  });

  it('uses no protected characteristic as an input', () => {
    const inputs = Object.keys(UNKNOWN);
    for (const banned of ['sex', 'gender', 'citizenship', 'origin', 'disability', 'birthplace', 'nationality']) {
      expect(inputs.some((k) => k.toLowerCase().includes(banned))).toBe(false);
    }
  });

  it('with nothing known, the estimate is the base and every factor is reported unknown', () => {
    const e = explain(UNKNOWN, ON);
    expect(e?.estimate).toBe(e?.base);
    expect(e?.unknownFactors).toEqual(['unemploymentDuration', 'education', 'workExperience', 'ageBand']);
    expect(e?.contributions.every((c) => c.contribution === 0 && c.band === null)).toBe(true);
    expect(e?.notice).toMatch(/non decide/);
  });

  it('the contributions add up to the estimate, for many input combinations', () => {
    for (const days of [null, 0, 179, 180, 364, 365, 729, 730, 2000])
      for (const eqf of [null, 1, 2, 3, 4, 5, 6, 7, 8])
        for (const months of [null, 0, 1, 11, 12, 59, 60])
          for (const age of [null, 18, 24, 25, 34, 35, 49, 50, 54, 55, 66]) {
            const e = explain({ unemploymentDays: days, eqfLevel: eqf, experienceMonths: months, age }, ON);
            if (!e) throw new Error('no version');
            expect(sum(e)).toBeCloseTo(e.estimate, 9);
            expect(e.estimate).toBeGreaterThanOrEqual(0);
            expect(e.estimate).toBeLessThanOrEqual(1);
          }
  });

  it('band boundaries: the day before, the day, the day after 6 and 12 months of unemployment', () => {
    const contribution = (days: number) => explain({ ...UNKNOWN, unemploymentDays: days }, ON)?.contributions[0]?.contribution;
    expect(contribution(179)).toBe(-0.05);
    expect(contribution(180)).toBe(0.05);
    expect(contribution(181)).toBe(0.05);
    expect(contribution(364)).toBe(0.05);
    expect(contribution(365)).toBe(0.12);
    expect(contribution(729)).toBe(0.12);
    expect(contribution(730)).toBe(0.2);
  });

  it('a worked example: long unemployment, low education, no experience, 57 years old', () => {
    const e = explain({ unemploymentDays: 800, eqfLevel: 2, experienceMonths: 0, age: 57 }, ON);
    expect(e?.contributions.map((c) => [c.factor, c.contribution, c.band])).toEqual([
      ['unemploymentDuration', 0.2, '24 mesi o più'],
      ['education', 0.12, 'EQF 1–2 (fino alla licenza media)'],
      ['workExperience', 0.1, 'nessuna esperienza'],
      ['ageBand', 0.12, '55 anni o più'],
    ]);
    expect(e?.estimate).toBe(0.94);
    expect(e?.estimatedClass?.profilingClass).toBe('alta');
  });

  it('an input outside every band (e.g. EQF 0) counts as unknown, not as a guess', () => {
    const e = explain({ ...UNKNOWN, eqfLevel: 0 }, ON);
    expect(e?.unknownFactors).toContain('education');
    expect(e?.contributions[1]).toMatchObject({ input: null, band: null, contribution: 0 });
  });

  it('versions apply from their effective date: the day before uses the earlier one, the day itself the new one', () => {
    const [shipped] = MODEL_VERSIONS as [ModelVersion];
    const v2: ModelVersion = { ...shipped, id: 'prova-2', effectiveFrom: '2027-03-01', base: 0.5 };
    const versions = [v2, shipped];
    expect(versionOn('2025-12-31', versions)).toBeUndefined();
    expect(explain(UNKNOWN, '2025-12-31', versions)).toBeUndefined();
    expect(versionOn('2026-01-01', versions)?.id).toBe(shipped.id);
    expect(explain(UNKNOWN, '2027-02-28', versions)?.modelId).toBe(shipped.id);
    expect(explain(UNKNOWN, '2027-03-01', versions)).toMatchObject({ modelId: 'prova-2', estimate: 0.5 });
    expect(explain(UNKNOWN, '2027-03-02', versions)?.modelId).toBe('prova-2');
  });

  it('checkVersion rejects coefficients that could push the estimate out of [0, 1], and overlapping bands', () => {
    const [shipped] = MODEL_VERSIONS as [ModelVersion];
    expect(checkVersion({ ...shipped, base: 0.9 }).join()).toMatch(/uscire da \[0, 1\]/);
    const overlapping: ModelVersion = {
      ...shipped,
      factors: [
        {
          id: 'ageBand',
          title: 'x',
          bands: [
            { min: 0, max: 30, contribution: 0, label: 'a' },
            { min: 30, max: null, contribution: 0, label: 'b' },
          ],
        },
      ],
    };
    expect(checkVersion(overlapping).join()).toMatch(/sovrapposte/);
  });

  it('every version names its source and marks illustrative coefficients [U]', () => {
    for (const v of MODEL_VERSIONS) {
      expect(v.source.length).toBeGreaterThan(40);
      if (v.confidence === 'U') expect(v.source).toMatch(/illustrativi/);
    }
  });
});

describe('profiling classes (bands.ts, configuration with source)', () => {
  it('Garanzia Giovani cut-offs: the old set until 31/1/2015, the new one from 1/2/2015', () => {
    expect(classOf(0.7, '2015-01-31')?.profilingClass).toBe('medio-bassa');
    expect(classOf(0.7, '2015-02-01')?.profilingClass).toBe('medio-alta');
    expect(classOf(0.25, '2026-01-01')?.profilingClass).toBe('medio-bassa');
    expect(classOf(0.2499, '2026-01-01')?.profilingClass).toBe('bassa');
    expect(classOf(1, '2026-01-01')?.profilingClass).toBe('alta');
    expect(classOf(0.5, '2014-04-30')).toBeUndefined();
    expect(classOf(1.2, '2026-01-01')).toBeUndefined();
  });

  it('each table covers [0, 1] with contiguous bands and names its source', () => {
    for (const table of PROFILING_BAND_TABLES) {
      expect(table.bands[0]?.min).toBe(0);
      expect(table.bands.at(-1)?.max).toBe(1);
      for (let i = 1; i < table.bands.length; i++) expect(table.bands[i]?.min).toBe(table.bands[i - 1]?.max);
      expect(table.source).toMatch(/Garanzia Giovani/);
    }
    expect(bandTableOn('2026-11-28')?.confidence).toBe('U');
  });
});

describe('inputs', () => {
  it('age in whole years, the day before and on the birthday (29 February in a common year)', () => {
    expect(ageOn('1985-04-12', '2026-04-11')).toBe(40);
    expect(ageOn('1985-04-12', '2026-04-12')).toBe(41);
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
  });

  it('experience months: overlapping jobs counted once, open jobs run to the date, future days ignored', () => {
    expect(experienceMonths([], '2026-01-01')).toBe(0);
    expect(experienceMonths([{ startedOn: '2024-01-01', endedOn: '2024-12-31' }], '2026-01-01')).toBe(12);
    expect(
      experienceMonths(
        [
          { startedOn: '2024-01-01', endedOn: '2024-12-31' },
          { startedOn: '2024-06-01', endedOn: '2025-06-30' },
        ],
        '2026-01-01',
      ),
    ).toBe(18);
    expect(experienceMonths([{ startedOn: '2025-07-01', endedOn: null }], '2026-01-01')).toBe(6);
    expect(experienceMonths([{ startedOn: '2027-01-01', endedOn: null }], '2026-01-01')).toBe(0);
  });
});
