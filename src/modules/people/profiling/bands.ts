/**
 * Profiling classes over the disadvantage index (rules reference §1.4 and §4). This table is CONFIGURATION with its
 * source, not a rule Ponte decides: the official class comes from the national system as received, and these bands
 * are used only to name the band of the LOCAL ESTIMATE and of demo data.
 *
 * What is known: ANPAL's D.lgs 150/2015 profiling gives an index in [0, 1], the probability of NOT being employed
 * [V] (http://anpal.gov.it/Cittadini/Profilazione/Pagine/default.aspx). Garanzia Giovani used four classes — bassa,
 * medio-bassa, medio-alta, alta — with two sets of cut-offs over time (DD 10/SegrDG/2015 of 23/1/2015) [P]
 * (https://edotto.com/articolo/cambia-la-profilazione-degli-iscritti-alla-garanzia-giovani/amp ;
 * https://pmi.it/economia/lavoro/approfondimenti/94010/garanzia-giovani-assunzioni-criteri-profilazione.html).
 * Whether the D.lgs 150 and GOL classes use the same cut-offs is NOT known [U]: the GOL "risk class" rules are in the
 * annexes of ANPAL Commissioner deliberation n. 5 of 9/5/2022, which were not read.
 *
 * To change: append a row with `from`, the bands (contiguous, covering [0, 1]), `source` and `confidence`.
 */

export type Confidence = 'V' | 'P' | 'U';

export interface ProfilingBand {
  /** Class name as the national system and the UI use it. */
  profilingClass: 'bassa' | 'medio-bassa' | 'medio-alta' | 'alta';
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound (the last band includes 1). */
  max: number;
}

export interface ProfilingBandTable {
  from: string;
  bands: readonly ProfilingBand[];
  source: string;
  confidence: Confidence;
}

export const PROFILING_BAND_TABLES: readonly ProfilingBandTable[] = Object.freeze([
  {
    from: '2014-05-01',
    bands: [
      { profilingClass: 'bassa', min: 0, max: 0.650717 },
      { profilingClass: 'medio-bassa', min: 0.650717, max: 0.805639 },
      { profilingClass: 'medio-alta', min: 0.805639, max: 0.8975 },
      { profilingClass: 'alta', min: 0.8975, max: 1 },
    ],
    source: 'Garanzia Giovani, cut-off 1/5/2014 – 31/1/2015 (riferimento §4; edotto.com, pmi.it)',
    confidence: 'P',
  },
  {
    from: '2015-02-01',
    bands: [
      { profilingClass: 'bassa', min: 0, max: 0.25 },
      { profilingClass: 'medio-bassa', min: 0.25, max: 0.5 },
      { profilingClass: 'medio-alta', min: 0.5, max: 0.75 },
      { profilingClass: 'alta', min: 0.75, max: 1 },
    ],
    source:
      'Garanzia Giovani, DD 10/SegrDG/2015 del 23/1/2015, cut-off dal 1/2/2015 (riferimento §4 [P]); applicate per analogia alla stima locale: l’uso per la profilazione D.lgs 150/2015 e GOL non è verificato [U]',
    confidence: 'U',
  },
]);

/** The band table in force on a date (the latest `from` not after it), or undefined before the first. */
export function bandTableOn(date: string, tables: readonly ProfilingBandTable[] = PROFILING_BAND_TABLES): ProfilingBandTable | undefined {
  let found: ProfilingBandTable | undefined;
  for (const table of tables) if (table.from <= date && (!found || table.from > found.from)) found = table;
  return found;
}

/** The class of an index on a date, with the source of the cut-offs used. */
export function classOf(index: number, date: string, tables: readonly ProfilingBandTable[] = PROFILING_BAND_TABLES) {
  const table = bandTableOn(date, tables);
  if (!table || !(index >= 0 && index <= 1)) return undefined;
  const band = table.bands.find((b) => index >= b.min && (index < b.max || (b.max === 1 && index === 1)));
  return band ? { profilingClass: band.profilingClass, min: band.min, max: band.max, source: table.source, confidence: table.confidence } : undefined;
}
