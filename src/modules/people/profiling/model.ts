/**
 * The LOCAL ESTIMATE of the profiling index: a transparent, additive model whose coefficients are data. It guides the
 * operator's conversation; it never decides eligibility, a pathway or a service on its own, and it never replaces the
 * official index, which comes from the national system (ANPAL/MLPS quantitative profiling, rules reference §1.4, §4).
 *
 * Why not re-implement the official model: its coefficients are not published (reference §4 [P]/[U]: the technical note
 * by Centra & Gualtieri, 2016, was not readable). The coefficients below are therefore ILLUSTRATIVE [U]: chosen by hand
 * so that their direction follows the variables the official model is documented to use (unemployment duration,
 * education, age — reference §4 [V]) and the mandatory-communication work history GOL adds (reference §4 [P]).
 *
 * Lawful, non-discriminatory inputs only. NOT used: sex, citizenship, origin, disability, or anything derived from
 * them — even though the official ANPAL model uses sex and citizenship (reference §4), a local tool has no need to.
 * Age IS used, as the official model does: it is lawful here because the estimate only informs the operator about the
 * person's likely need for support (art. 19–20 D.lgs 150/2015: profiling is part of the service pact) and is never a
 * ranking, a selection criterion or an eligibility decision; design.md forbids age and the profiling index in the
 * matching ranking (D.lgs 276/2003 art. 10), and this module exports nothing the matching engine reads.
 *
 * Shape: estimate = base + Σ contribution(factor). Every factor's contribution comes from a band table; an unknown
 * input contributes 0 and is reported as unknown. Each version's tables are checked so that the estimate always lies
 * in [0, 1] without clamping — the contributions shown therefore add up exactly to the estimate.
 */

import { addDays, inclusiveDays } from '../status/days.ts';
import { type Confidence, classOf } from './bands.ts';

export type FactorId = 'unemploymentDuration' | 'education' | 'workExperience' | 'ageBand';

export interface ProfilingInputs {
  /** Days of unemployment on the estimate date, suspensions excluded (status timeline); null when not registered. */
  unemploymentDays: number | null;
  /** Highest EQF level (1–8) among the person's education titles; null when unknown. */
  eqfLevel: number | null;
  /** Months of work experience declared in the professional profile; null when unknown. */
  experienceMonths: number | null;
  /** Age in whole years on the estimate date; null when unknown. */
  age: number | null;
}

/** Where each input is read from, by factor. */
export const FACTOR_INPUT: Record<FactorId, keyof ProfilingInputs> = {
  unemploymentDuration: 'unemploymentDays',
  education: 'eqfLevel',
  workExperience: 'experienceMonths',
  ageBand: 'age',
};

export interface FactorBand {
  /** Inclusive bounds; `max` null = no upper bound. */
  min: number;
  max: number | null;
  contribution: number;
  /** Italian label of the band, shown to the operator. */
  label: string;
}

export interface Factor {
  id: FactorId;
  /** Italian name of the factor. */
  title: string;
  bands: readonly FactorBand[];
}

export interface ModelVersion {
  id: string;
  /** First day this version is used for estimates (YYYY-MM-DD). */
  effectiveFrom: string;
  /** Where the coefficients come from. */
  source: string;
  confidence: Confidence;
  /** The estimate when every input is unknown. */
  base: number;
  factors: readonly Factor[];
}

export const MODEL_VERSIONS: readonly ModelVersion[] = Object.freeze([
  {
    id: 'ponte-stima-2026.1',
    effectiveFrom: '2026-01-01',
    source:
      'Coefficienti illustrativi [U] scelti da ARTI/Ponte, non pubblicati da ANPAL: la direzione di ogni fattore segue le variabili del modello ufficiale (durata della disoccupazione, istruzione, età — riferimento §4, pagina ANPAL “Profilazione”) e la storia lavorativa usata da GOL (delibera ANPAL n. 5/2022, riferimento §4 [P]). Da sostituire con coefficienti stimati su dati regionali e pubblicati.',
    confidence: 'U',
    base: 0.4,
    factors: [
      {
        id: 'unemploymentDuration',
        title: 'Durata della disoccupazione',
        bands: [
          { min: 0, max: 179, contribution: -0.05, label: 'meno di 6 mesi' },
          { min: 180, max: 364, contribution: 0.05, label: 'da 6 a 12 mesi' },
          { min: 365, max: 729, contribution: 0.12, label: 'da 12 a 24 mesi' },
          { min: 730, max: null, contribution: 0.2, label: '24 mesi o più' },
        ],
      },
      {
        id: 'education',
        title: 'Titolo di studio più alto (livello EQF)',
        bands: [
          { min: 1, max: 2, contribution: 0.12, label: 'EQF 1–2 (fino alla licenza media)' },
          { min: 3, max: 4, contribution: 0.03, label: 'EQF 3–4 (qualifica o diploma)' },
          { min: 5, max: 6, contribution: -0.06, label: 'EQF 5–6 (ITS o laurea)' },
          { min: 7, max: 8, contribution: -0.1, label: 'EQF 7–8 (laurea magistrale o dottorato)' },
        ],
      },
      {
        id: 'workExperience',
        title: 'Esperienza di lavoro',
        bands: [
          { min: 0, max: 0, contribution: 0.1, label: 'nessuna esperienza' },
          { min: 1, max: 11, contribution: 0.04, label: 'meno di un anno' },
          { min: 12, max: 59, contribution: -0.03, label: 'da 1 a 5 anni' },
          { min: 60, max: null, contribution: -0.08, label: '5 anni o più' },
        ],
      },
      {
        id: 'ageBand',
        title: 'Fascia d’età',
        bands: [
          { min: 15, max: 24, contribution: 0.02, label: '15–24 anni' },
          { min: 25, max: 34, contribution: -0.03, label: '25–34 anni' },
          { min: 35, max: 49, contribution: 0, label: '35–49 anni' },
          { min: 50, max: 54, contribution: 0.06, label: '50–54 anni' },
          { min: 55, max: null, contribution: 0.12, label: '55 anni o più' },
        ],
      },
    ],
  },
]);

/** The version in force on a date: the latest `effectiveFrom` not after it; undefined before the first. */
export function versionOn(date: string, versions: readonly ModelVersion[] = MODEL_VERSIONS): ModelVersion | undefined {
  let found: ModelVersion | undefined;
  for (const v of versions) if (v.effectiveFrom <= date && (!found || v.effectiveFrom > found.effectiveFrom)) found = v;
  return found;
}

/** Problems with a version's data: overlapping or unordered bands, or an estimate that could leave [0, 1]. */
export function checkVersion(version: ModelVersion): string[] {
  const errors: string[] = [];
  let low = version.base;
  let high = version.base;
  for (const factor of version.factors) {
    const contributions = [0, ...factor.bands.map((b) => b.contribution)];
    low += Math.min(...contributions);
    high += Math.max(...contributions);
    factor.bands.forEach((band, i) => {
      if (band.max !== null && band.max < band.min) errors.push(`${version.id} ${factor.id}: fascia ${band.label} con max < min`);
      const next = factor.bands[i + 1];
      if (next && (band.max === null || next.min <= band.max)) errors.push(`${version.id} ${factor.id}: fasce sovrapposte (${band.label}, ${next.label})`);
    });
  }
  if (low < 0 || high > 1) errors.push(`${version.id}: la stima può uscire da [0, 1] (${round(low)}–${round(high)})`);
  return errors;
}

export interface Contribution {
  factor: FactorId;
  title: string;
  /** The input value used (days, EQF level, months, years), or null when unknown. */
  input: number | null;
  /** Label of the band the input falls in, or null when unknown. */
  band: string | null;
  contribution: number;
}

export interface Explanation {
  modelId: string;
  effectiveFrom: string;
  source: string;
  confidence: Confidence;
  base: number;
  /** base + Σ contributions, in [0, 1]. */
  estimate: number;
  /** The band of the estimate under the configured class cut-offs (see bands.ts), with their source. */
  estimatedClass: { profilingClass: string; source: string; confidence: Confidence } | null;
  contributions: Contribution[];
  unknownFactors: FactorId[];
  /** Always shown with the estimate. */
  notice: string;
}

export const ESTIMATE_NOTICE =
  'Stima locale, orientativa: aiuta l’operatore a preparare il colloquio, non sostituisce l’indice ufficiale e non decide da sola l’accesso a misure o servizi.';

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function bandOf(factor: Factor, value: number): FactorBand | undefined {
  return factor.bands.find((b) => value >= b.min && (b.max === null || value <= b.max));
}

/**
 * Pure: the estimate for `inputs` under the version in force on `date`, with each factor's contribution.
 * Undefined when no version is in force on that date.
 */
export function explain(inputs: ProfilingInputs, date: string, versions: readonly ModelVersion[] = MODEL_VERSIONS): Explanation | undefined {
  const version = versionOn(date, versions);
  if (!version) return undefined;
  const contributions: Contribution[] = [];
  const unknownFactors: FactorId[] = [];
  for (const factor of version.factors) {
    const raw = inputs[FACTOR_INPUT[factor.id]];
    const value = raw === null || !Number.isFinite(raw) ? null : raw;
    const band = value === null ? undefined : bandOf(factor, value);
    if (!band) unknownFactors.push(factor.id);
    contributions.push({
      factor: factor.id,
      title: factor.title,
      input: band ? value : null,
      band: band?.label ?? null,
      contribution: band?.contribution ?? 0,
    });
  }
  const estimate = round(contributions.reduce((sum, c) => sum + c.contribution, version.base));
  const cls = classOf(estimate, date);
  return {
    modelId: version.id,
    effectiveFrom: version.effectiveFrom,
    source: version.source,
    confidence: version.confidence,
    base: version.base,
    estimate,
    estimatedClass: cls ? { profilingClass: cls.profilingClass, source: cls.source, confidence: cls.confidence } : null,
    contributions,
    unknownFactors,
    notice: ESTIMATE_NOTICE,
  };
}

/** Whole years between a birth date and a date (both YYYY-MM-DD); a 29 February birthday counts from 1 March in common years. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Average days in a month (365.25 / 12). */
const DAYS_PER_MONTH = 30.4375;

/** Months of work (days / 30.4375, rounded) in the given periods, overlaps counted once; an open period runs to `date`; future days are ignored. */
export function experienceMonths(periods: readonly { startedOn: string; endedOn: string | null }[], date: string): number {
  const spans = periods
    .map((p) => ({ from: p.startedOn, to: p.endedOn === null || p.endedOn > date ? date : p.endedOn }))
    .filter((s) => s.from <= s.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let days = 0;
  let current: { from: string; to: string } | undefined;
  for (const span of spans) {
    if (current && span.from <= addDays(current.to, 1)) {
      if (span.to > current.to) current.to = span.to;
      continue;
    }
    if (current) days += inclusiveDays(current.from, current.to);
    current = { ...span };
  }
  if (current) days += inclusiveDays(current.from, current.to);
  return Math.round(days / DAYS_PER_MONTH);
}
