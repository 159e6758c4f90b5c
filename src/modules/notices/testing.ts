/**
 * Test and demo helpers: CSV text in the agreed format, and a small deterministic generator of notices files
 * (the crash test needs one big enough that reading it takes a few seconds). The population generator of the
 * benchmark is elsewhere; this one only needs valid, varied rows.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { addDays } from '../../platform/dates.ts';
import { taxCode } from '../people/index.ts';
import { NOTICE_COLUMNS, type NoticeRecord } from './rows.ts';

const HEADER = NOTICE_COLUMNS.map((c) => c.name);

/** Defaults for a hire notice; override any column. */
export function noticeRecord(o: Partial<NoticeRecord> & Pick<NoticeRecord, 'codice_comunicazione' | 'cf_lavoratore'>): NoticeRecord {
  const base = Object.fromEntries(HEADER.map((h) => [h, ''])) as NoticeRecord;
  return {
    ...base,
    tipo_comunicazione: 'INVIO',
    tipo_evento: 'AVV',
    data_invio: o.data_inizio ?? '2023-03-01',
    cf_datore: '05432100481',
    denominazione_datore: 'Officine Fiorentine S.r.l.',
    ateco_datore: '25.62.00',
    comune_sede_lavoro: '048017',
    cognome_lavoratore: 'Rossi',
    nome_lavoratore: 'Mario',
    data_inizio: '2023-03-01',
    tipologia_contrattuale: 'A.02.00',
    tipo_orario: 'F',
    ...o,
  };
}

function cell(value: string): string {
  return /[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A notices CSV (header + rows, `;`-separated, LF line ends). */
export function noticesCsv(records: readonly Partial<NoticeRecord>[]): string {
  const lines = [HEADER.join(';')];
  for (const r of records) lines.push(HEADER.map((h) => cell(r[h] ?? '')).join(';'));
  return `${lines.join('\n')}\n`;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['Rossi', 'Bianchi', 'Bruni', 'Conti', 'Galli', 'Lombardi', 'Marini', 'Moretti', 'Ricci', 'Romano', 'Sala', 'Testa'];
const NAMES = ['Anna', 'Luca', 'Giulia', 'Marco', 'Sara', 'Paolo', 'Elena', 'Andrea', 'Chiara', 'Davide', 'Laura', 'Matteo'];

/** A worker's identity for the generator: valid tax code from made-up data. */
export function syntheticWorker(i: number, random: () => number) {
  const familyName = SURNAMES[i % SURNAMES.length] as string;
  const givenName = NAMES[Math.floor(i / SURNAMES.length) % NAMES.length] as string;
  const sex = NAMES.indexOf(givenName) % 2 === 0 ? 'F' : 'M';
  const year = 1960 + Math.floor(random() * 40);
  const day = 1 + Math.floor(random() * 28);
  const month = 1 + Math.floor(random() * 12);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const birthplaceCode = ['D612', 'G702', 'E715', 'G999', 'L736'][i % 5] as string;
  return {
    familyName,
    givenName,
    sex: sex as 'M' | 'F',
    birthDate,
    birthplaceCode,
    taxCode: taxCode.computeTaxCode({ givenName, familyName, sex, birthDate, birthplaceCode }),
  };
}

/** The workers writeNoticesFile uses for this seed (same order, same tax codes). */
export function syntheticWorkers(count: number, seed = 1) {
  return syntheticWorkersWith(count, seededRandom(seed));
}

function syntheticWorkersWith(count: number, random: () => number) {
  return Array.from({ length: count }, (_, i) => syntheticWorker(i, random));
}

/**
 * Writes a file of `count` notices for `workers` synthetic workers (deterministic for a seed): per worker a hire in
 * 2022–2024, often a termination or an extension, sometimes a rectification. Returns the number of data rows.
 */
export async function writeNoticesFile(path: string, options: { count: number; workers: number; seed?: number }): Promise<number> {
  const random = seededRandom(options.seed ?? 1);
  const workers = syntheticWorkersWith(options.workers, random);
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${HEADER.join(';')}\n`);
  let rows = 0;
  let job = 0;
  while (rows < options.count) {
    const w = workers[job % workers.length] as (typeof workers)[number];
    const code = `G${String(options.seed ?? 1).padStart(2, '0')}${String(job).padStart(10, '0')}`;
    const start = `${2022 + Math.floor(random() * 3)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const fixed = random() < 0.6;
    const end = fixed ? `${start.slice(0, 4)}-12-31` : '';
    const pay = random() < 0.8 ? (4000 + Math.floor(random() * 26000)).toFixed(2) : '';
    const employer = String(10000000000 + Math.floor(random() * 89999999999)).slice(0, 11);
    const common = {
      tipo_comunicazione: 'INVIO',
      cf_datore: employer,
      denominazione_datore: `Impresa ${employer.slice(-4)} S.r.l.`,
      cf_lavoratore: w.taxCode,
      cognome_lavoratore: w.familyName,
      nome_lavoratore: w.givenName,
      sesso: w.sex,
      data_nascita: w.birthDate,
      comune_nascita: w.birthplaceCode,
      data_inizio: start,
      data_fine: end,
      tipologia_contrattuale: fixed ? 'A.02.00' : 'A.01.00',
      retribuzione_annua_lorda: pay,
    };
    const lines: Partial<NoticeRecord>[] = [{ ...common, codice_comunicazione: `${code}A`, tipo_evento: 'AVV', data_invio: start }];
    const roll = random();
    if (roll < 0.4) {
      lines.push({
        ...common,
        codice_comunicazione: `${code}C`,
        tipo_evento: 'CES',
        data_invio: start,
        data_cessazione: addDays(start, 20 + Math.floor(random() * 200)),
      });
    } else if (roll < 0.55 && fixed) {
      lines.push({
        ...common,
        codice_comunicazione: `${code}P`,
        tipo_evento: 'PRO',
        data_invio: `${start.slice(0, 4)}-12-20` < start ? start : `${start.slice(0, 4)}-12-20`,
        data_proroga: `${Number(start.slice(0, 4)) + 1}-06-30`,
      });
    } else if (roll < 0.6) {
      lines.push({
        ...common,
        codice_comunicazione: `${code}R`,
        codice_comunicazione_precedente: `${code}A`,
        tipo_comunicazione: 'RETTIFICA',
        tipo_evento: 'AVV',
        data_invio: start,
        retribuzione_annua_lorda: '7000.00',
      });
    }
    for (const line of lines) {
      if (rows >= options.count) break;
      await write(`${HEADER.map((h) => cell((line as Record<string, string>)[h] ?? '')).join(';')}\n`);
      rows++;
    }
    job++;
  }
  out.end();
  await once(out, 'finish');
  return rows;
}
