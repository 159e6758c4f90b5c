import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import {
  type ClassificationImportReport,
  importAteco,
  importCp2011,
  importEsco,
  searchEscoOccupations,
  searchOccupations,
  searchSectors,
  searchSkills,
  sharedClassificationSources,
} from '../src/modules/classifications/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Db } from '../src/platform/db/database.ts';
import { type EngineName, freshDatabase } from '../test/support/databases.ts';

/**
 * Classification pickers: the full real CP2011 + ATECO + ESCO (English) sets imported on PostgreSQL and PGlite, then
 * ~500 picker searches drawn (seeded, so every run asks the same) from a fixed list of realistic inputs, many with
 * typos — measured at the store function, i.e. every query a picker request runs, without HTTP. Side by side in the
 * same run, the baseline: a plain `ILIKE '%q%'` on the same table, with how often each finds anything at all.
 * Target (issue 3): p95 ≤ 100 ms.
 *
 * `node bench/classifications.ts` alone, or from bench/run.ts. Needs ../shared/data (or PONTE_SHARED_DATA_DIR);
 * PostgreSQL when PONTE_TEST_PG_URL is set (an admin URL: a scratch database is created and dropped).
 */

export const TARGET_P95_MS = 100;
const LIMIT = 20;
const SEED = 20_111_115;

export interface Row {
  engine: EngineName;
  kind: 'import' | 'search';
  /** What was imported or which picker. */
  subject: string;
  /** Import: seconds and rows written. */
  seconds?: number;
  rows?: number;
  /** Search: latencies in ms, the baseline's, p95 ratio picker / baseline, share of queries with at least one result. */
  queries?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  baselineP50?: number;
  baselineP95?: number;
  ratioP95?: number;
  hitRate?: number;
  baselineHitRate?: number;
  targetP95?: number;
  pass?: boolean;
}

/** Inputs separated by |. */
function words(list: string): readonly string[] {
  return list.split('|');
}

/** What people type into the pickers: right, misspelt, plural for singular, partial, several words. */
export const INPUTS = {
  occupations: words(
    'programatore|programmatore|infermiere|infermieri|infermiera|cuoco|cuochi|aiuto cuoco|pizzaiolo|pizaiolo|cameriere|' +
      'camerira|barista|barman|commessa|comessa|commesso di negozio|cassiera|magazziniere|magazinere|mulettista|carrellista|' +
      'autista|autista patente c|camionista|elettricista|eletricista|idraulico|idrualico|muratore|murattore|imbianchino|' +
      'falegname|saldatore|saldatore tig|meccanico|mecanico auto|badante|colf|baby sitter|operatore socio sanitario|oss|' +
      'assistente anziani|educatrice|insegnante|maestra elementare|segretaria|impiegata amministrativa|contabile|ragioniere|' +
      'receptionist|addetto alle pulizie|addetta pulizie|giardiniere|bracciante agricolo|operaio generico|' +
      'operaio metalmeccanico|parrucchiera|estetista|farmacista|ingegnere informatico|sviluppatore software|sistemista|' +
      'analista programmatore|grafico|web designer|commercialista|avvocato|geometra|architetto|fisioterapista|logopedista|' +
      'tecnico di laboratorio|programmatore cnc|tornitore|fresatore|guardia giurata|portiere|custode|facchino|corriere|rider|' +
      'operatore call center|addetto vendite|responsabile negozio|direttore commerciale|agente di commercio|rappresentante|' +
      'attività commerciali|infor',
  ),
  escoOccupations: words(
    'software developer|sofware developer|programmer|nurse|nurce|cook|chef|waiter|waitress|bartender|shop assistant|' +
      'sales assistant|cashier|warehouse worker|forklift driver|truck driver|bus driver|electrician|electrican|plumber|plumbr|' +
      'bricklayer|carpenter|welder|mechanic|car mechanic|care worker|nanny|teacher|primary school teacher|secretary|accountant|' +
      'acountant|receptionist|cleaner|gardener|farm worker|hairdresser|beautician|pharmacist|data analyst|system administrator|' +
      'graphic designer|web designer|lawyer|architect|physiotherapist|security guard|courier|call centre agent|sales manager|' +
      'project manager|machine operator|cnc operator|wire drawer|we|develo|nursing assistent|kitchen porter|dishwasher',
  ),
  skills: words(
    'java|javascript|python|sql|excel|microsoft excel|teamwork|team work|communication|comunication|customer service|' +
      'costumer service|project management|projct managment|problem solving|time management|leadership|negotiation|sales|' +
      'marketing|accounting|bookkeeping|driving|forklift|welding|cooking|food safety|hygiene|first aid|patient care|child care|' +
      'cleaning|english|italian language|data analysis|machine learning|cnc programming|electrical wiring|plumbing|carpentry|' +
      'operate cash register|stock management|inventory|manage staff|budget|social media|graphic design|photoshop|autocad|haccp|' +
      'ma|manage|equipment|operate|maintain|programing|custmer|analytical thinking|empathy|adaptability',
  ),
  sectors: words(
    'ristorazione|ristorante|commercio al dettaglio|comercio|costruzioni|edilizia|software|consulenza informatica|' +
      'trasporto merci|agricoltura|pulizia|assistenza sociale|alberghi|panetteria|parrucchieri|62.01|56.10|' +
      'fabbricazione di mobili|commercio all ingrosso|trasporti',
  ),
};

type Picker = keyof typeof INPUTS;
const PICKER_LABEL: Record<Picker, string> = {
  occupations: 'professioni CP2011 (livelli + voci)',
  escoOccupations: 'occupazioni ESCO (en)',
  skills: 'abilità ESCO (en)',
  sectors: 'settori ATECO 2007',
};
/** Share of the ~500 queries per picker: CP2011 and ESCO are the target of the issue; ATECO rides along. */
const QUERIES: Record<Picker, number> = { occupations: 200, escoOccupations: 120, skills: 120, sectors: 60 };

const SEARCH: Record<Picker, (db: Db, q: string) => Promise<unknown[]>> = {
  occupations: (db, q) => searchOccupations(db, q, { limit: LIMIT }),
  escoOccupations: (db, q) => searchEscoOccupations(db, q, { limit: LIMIT, language: 'en' }),
  skills: (db, q) => searchSkills(db, q, { limit: LIMIT, language: 'en' }),
  sectors: (db, q) => searchSectors(db, q, { limit: LIMIT }),
};

/** The baseline: what a picker without an index or typo tolerance would do, on the same table. */
const BASELINE: Record<Picker, (db: Db, q: string) => Promise<unknown[]>> = {
  occupations: async (db, q) => (await sql`select code, label from occupations where label ilike ${`%${q}%`} limit ${LIMIT}`.execute(db)).rows,
  escoOccupations: async (db, q) =>
    (await sql`select uri, preferred_label from esco_occupations where language = 'en' and preferred_label ilike ${`%${q}%`} limit ${LIMIT}`.execute(db)).rows,
  skills: async (db, q) =>
    (await sql`select uri, preferred_label from esco_skills where language = 'en' and preferred_label ilike ${`%${q}%`} limit ${LIMIT}`.execute(db)).rows,
  sectors: async (db, q) => (await sql`select code, label from sectors where label ilike ${`%${q}%`} limit ${LIMIT}`.execute(db)).rows,
};

/** Deterministic draw of the query sequence (a small LCG: the same 500 queries every run). */
export function querySequence(seed = SEED): { picker: Picker; q: string }[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const out: { picker: Picker; q: string }[] = [];
  for (const picker of Object.keys(QUERIES) as Picker[]) {
    const inputs = INPUTS[picker];
    for (let i = 0; i < QUERIES[picker]; i++) out.push({ picker, q: inputs[Math.floor(next() * inputs.length)] as string });
  }
  // interleave the pickers as real traffic would
  return out
    .map((item) => ({ item, key: next() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

async function importAll(db: Db, sharedDataDir: string, engine: EngineName): Promise<Row[]> {
  const sources = sharedClassificationSources(sharedDataDir);
  const rows: Row[] = [];
  const step = async (subject: string, work: () => Promise<ClassificationImportReport[]>) => {
    const { result, ms } = await timed(work);
    const rejected = result.reduce((n, r) => n + r.rejected.length, 0);
    if (rejected > 0) throw new Error(`${subject}: ${rejected} righe scartate nei dati reali`);
    rows.push({ engine, kind: 'import', subject, seconds: round(ms / 1000), rows: result.reduce((n, r) => n + r.applied, 0) });
  };
  await step('CP2011 (1.486 livelli + 7.517 voci)', () => importCp2011(db, sources.cp2011));
  await step('ATECO 2007 (2.220 codici)', () => importAteco(db, sources.ateco));
  await step('ESCO en (ISCO, occupazioni, abilità, relazioni)', () => importEsco(db, sources.esco, { language: 'en' }));
  const { ms } = await timed(() => sql`vacuum analyze`.execute(db));
  rows.push({ engine, kind: 'import', subject: 'VACUUM ANALYZE', seconds: round(ms / 1000) });
  rows.push({
    engine,
    kind: 'import',
    subject: 'totale',
    seconds: round(rows.reduce((s, r) => s + (r.seconds ?? 0), 0)),
    rows: rows.reduce((n, r) => n + (r.rows ?? 0), 0),
  });
  return rows;
}

async function measureSearches(db: Db, engine: EngineName): Promise<Row[]> {
  const sequence = querySequence();
  // warm-up: every distinct input once on each side (caches, text-search dictionaries), not counted
  for (const picker of Object.keys(INPUTS) as Picker[]) {
    for (const q of INPUTS[picker]) {
      await SEARCH[picker](db, q);
      await BASELINE[picker](db, q);
    }
  }
  const samples = new Map<Picker, { ms: number[]; base: number[]; hits: number; baseHits: number }>();
  for (const { picker, q } of sequence) {
    const s = samples.get(picker) ?? { ms: [], base: [], hits: 0, baseHits: 0 };
    samples.set(picker, s);
    const picked = await timed(() => SEARCH[picker](db, q));
    const base = await timed(() => BASELINE[picker](db, q));
    s.ms.push(picked.ms);
    s.base.push(base.ms);
    if (picked.result.length > 0) s.hits++;
    if (base.result.length > 0) s.baseHits++;
  }
  const row = (subject: string, ms: number[], base: number[], hits: number, baseHits: number): Row => {
    const a = [...ms].sort((x, y) => x - y);
    const b = [...base].sort((x, y) => x - y);
    const p95 = percentile(a, 95);
    return {
      engine,
      kind: 'search',
      subject,
      queries: a.length,
      p50: round(percentile(a, 50)),
      p95: round(p95),
      p99: round(percentile(a, 99)),
      baselineP50: round(percentile(b, 50)),
      baselineP95: round(percentile(b, 95)),
      ratioP95: round(p95 / percentile(b, 95)),
      hitRate: Math.round((hits / a.length) * 100),
      baselineHitRate: Math.round((baseHits / a.length) * 100),
      targetP95: TARGET_P95_MS,
      pass: p95 <= TARGET_P95_MS,
    };
  };
  const rows = [...samples.entries()].map(([picker, s]) => row(PICKER_LABEL[picker], s.ms, s.base, s.hits, s.baseHits));
  const all = [...samples.values()];
  rows.push(
    row(
      'tutti i selettori',
      all.flatMap((s) => s.ms),
      all.flatMap((s) => s.base),
      all.reduce((n, s) => n + s.hits, 0),
      all.reduce((n, s) => n + s.baseHits, 0),
    ),
  );
  return rows;
}

export async function benchClassifications(): Promise<Row[]> {
  const sharedDataDir = loadConfig().sharedDataDir ?? resolve('../shared/data');
  const sources = sharedClassificationSources(sharedDataDir);
  if (![sources.cp2011, sources.ateco, sources.esco].every((dir) => existsSync(dir))) {
    console.log(`\n## Classificazioni: saltato — servono le copie reali di CP2011, ATECO ed ESCO in ${sharedDataDir} (PONTE_SHARED_DATA_DIR)`);
    return [];
  }
  const engines: EngineName[] = process.env.PONTE_TEST_PG_URL ? ['postgres', 'pglite'] : ['pglite'];
  console.log(`\n## Classificazioni: importazione completa e ~500 ricerche nei selettori (${engines.join(', ')})`);
  console.log(
    `Dati: ${sharedDataDir}; Node ${process.version}, ${cpus().length} core, carico medio all'avvio ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}${process.env.PONTE_TEST_PG_URL ? '' : '; PONTE_TEST_PG_URL non impostata: solo PGlite'}`,
  );
  const rows: Row[] = [];
  for (const engine of engines) {
    const database = await freshDatabase(engine);
    try {
      rows.push(...(await importAll(database.db, sharedDataDir, engine)));
      rows.push(...(await measureSearches(database.db, engine)));
    } finally {
      await database.close();
    }
  }
  printRows(rows);
  return rows;
}

export function printRows(rows: Row[]): void {
  console.log('\nImportazione (file reali, dal CSV alle tabelle con indici):');
  console.table(rows.filter((r) => r.kind === 'import').map((r) => ({ motore: r.engine, passo: r.subject, secondi: r.seconds, righe: r.rows ?? '' })));
  console.log(`\nRicerca (ms per ricerca, limite ${LIMIT} risultati; base = ILIKE '%q%' sulla stessa tabella; trovati = ricerche con almeno un risultato):`);
  console.table(
    rows
      .filter((r) => r.kind === 'search')
      .map((r) => ({
        motore: r.engine,
        selettore: r.subject,
        ricerche: r.queries,
        p50: r.p50,
        p95: r.p95,
        p99: r.p99,
        'base p50': r.baselineP50,
        'base p95': r.baselineP95,
        'p95 / base': r.ratioP95,
        'trovati %': r.hitRate,
        'base trovati %': r.baselineHitRate,
        [`p95 ≤ ${TARGET_P95_MS} ms`]: r.pass ? 'sì' : 'NO',
      })),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchClassifications();
}
