/**
 * The agreed UNILAV CSV (README "Comunicazioni obbligatorie"): column names, and the pure check of one record.
 * A record becomes a normalised NoticeRow or is rejected with an Italian reason naming every problem found.
 * Column names mirror the national UNILAV record (rules reference §11, RicercaCO v2.0 UNILAV_Type).
 */
import { hash } from 'node:crypto';
// The tax-code rules alone, not the people module's face: this file is loaded by the reader's worker thread too (checkedBatches.ts).
import * as taxCode from '../people/taxCode.ts';

export const COMMUNICATION_TYPES = ['INVIO', 'RETTIFICA', 'ANNULLAMENTO'] as const;
export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];
/** SIL-ER event codes (rules reference §11): hire, extension, conversion, termination. */
export const EVENT_TYPES = ['AVV', 'PRO', 'TRA', 'CES'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** CSV column → meaning; `required`: the header must have the column. */
export const NOTICE_COLUMNS = [
  { name: 'codice_comunicazione', required: true },
  { name: 'codice_comunicazione_precedente', required: false },
  { name: 'tipo_comunicazione', required: true },
  { name: 'tipo_evento', required: true },
  { name: 'data_invio', required: true },
  { name: 'cf_datore', required: true },
  { name: 'denominazione_datore', required: true },
  { name: 'ateco_datore', required: false },
  { name: 'comune_sede_lavoro', required: false },
  { name: 'cf_lavoratore', required: true },
  { name: 'cognome_lavoratore', required: true },
  { name: 'nome_lavoratore', required: true },
  { name: 'sesso', required: false },
  { name: 'data_nascita', required: false },
  { name: 'comune_nascita', required: false },
  { name: 'cittadinanza', required: false },
  { name: 'data_inizio', required: true },
  { name: 'data_fine', required: false },
  { name: 'tipologia_contrattuale', required: false },
  { name: 'ccnl', required: false },
  { name: 'qualifica_istat', required: false },
  { name: 'tipo_orario', required: false },
  { name: 'ore_settimanali_medie', required: false },
  { name: 'retribuzione_annua_lorda', required: false },
  { name: 'data_proroga', required: false },
  { name: 'data_trasformazione', required: false },
  { name: 'codice_trasformazione', required: false },
  { name: 'data_cessazione', required: false },
  { name: 'codice_causa_cessazione', required: false },
] as const;
export type NoticeColumn = (typeof NOTICE_COLUMNS)[number]['name'];
export type NoticeRecord = Record<NoticeColumn, string>;

/** A checked notice, normalised (dates 'YYYY-MM-DD', codes upper-case, amounts as numbers). */
export interface NoticeRow {
  communicationCode: string;
  previousCode: string | null;
  communicationType: CommunicationType;
  eventType: EventType;
  sentOn: string;
  employerTaxCode: string;
  employerName: string;
  employerAtecoCode: string | null;
  workplaceIstatCode: string | null;
  workerTaxCode: string;
  workerFamilyName: string;
  workerGivenName: string;
  workerSex: string | null;
  workerBirthDate: string | null;
  workerBirthplaceCode: string | null;
  workerCitizenship: string | null;
  jobStart: string;
  plannedEnd: string | null;
  contractType: string | null;
  ccnl: string | null;
  occupationCode: string | null;
  workingTime: string | null;
  weeklyHours: number | null;
  annualPay: number | null;
  extensionEnd: string | null;
  conversionDate: string | null;
  conversionCode: string | null;
  terminationDate: string | null;
  terminationCause: string | null;
}

export type RowCheck = { row: NoticeRow; hash: string } | { reject: string };

const CODE = /^[A-Z0-9]{1,32}$/;
const EMPLOYER_CODE = /^(\d{11}|[A-Z0-9]{16})$/;
const CONTRACT = /^[A-Z0-9][A-Z0-9.]{0,11}$/;
const ISTAT_MUNICIPALITY = /^\d{6}$/;
const BIRTHPLACE = /^[A-Z]\d{3}$/;
const AMOUNT = /^\d{1,10}([.,]\d{1,2})?$/;
const HOURS = /^\d{1,3}([.,]\d{1,2})?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digits at [from, from + n) of `v` as a number, or -1 when any is not a digit (hot path: no regex, no Date). */
function digits(v: string, from: number, n: number): number {
  let out = 0;
  for (let i = from; i < from + n; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    out = out * 10 + c;
  }
  return out;
}

function realDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] as number));
}

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' → 'YYYY-MM-DD'; undefined when not a real calendar date. */
export function parseNoticeDate(value: string): string | undefined {
  if (value.length !== 10) return undefined;
  if (value[4] === '-' && value[7] === '-') {
    return realDate(digits(value, 0, 4), digits(value, 5, 2), digits(value, 8, 2)) ? value : undefined;
  }
  if (value[2] === '/' && value[5] === '/') {
    const iso = `${value.slice(6)}-${value.slice(3, 5)}-${value.slice(0, 2)}`;
    return realDate(digits(value, 6, 4), digits(value, 3, 2), digits(value, 0, 2)) ? iso : undefined;
  }
  return undefined;
}

function parseAmount(value: string, pattern: RegExp): number | undefined {
  return pattern.test(value) ? Number(value.replace(',', '.')) : undefined;
}

/** Checks one CSV record. `today` bounds the sending date (a notice cannot be sent in the future). */
export function checkNoticeRecord(values: NoticeRecord, today: string): RowCheck {
  const problems: string[] = [];
  const text = (column: NoticeColumn) => {
    const v = values[column]?.trim() ?? '';
    return v === '' ? null : v;
  };
  const required = (column: NoticeColumn): string | null => {
    const v = text(column);
    if (v === null) problems.push(`${column} mancante`);
    return v;
  };
  const date = (column: NoticeColumn, isRequired = false): string | null => {
    const v = isRequired ? required(column) : text(column);
    if (v === null) return null;
    const parsed = parseNoticeDate(v);
    if (parsed === undefined) {
      problems.push(`${column} non valida: «${v}» (AAAA-MM-GG o GG/MM/AAAA)`);
      return null;
    }
    return parsed;
  };
  const upper = (column: NoticeColumn) => text(column)?.toUpperCase() ?? null;

  const communicationCode = required('codice_comunicazione')?.toUpperCase() ?? null;
  if (communicationCode !== null && !CODE.test(communicationCode))
    problems.push(`codice_comunicazione non valido: «${communicationCode}» (1–32 lettere o cifre)`);
  const previousCode = upper('codice_comunicazione_precedente');
  if (previousCode !== null && !CODE.test(previousCode)) problems.push(`codice_comunicazione_precedente non valido: «${previousCode}»`);

  const communicationType = required('tipo_comunicazione')?.toUpperCase() ?? null;
  if (communicationType !== null && !(COMMUNICATION_TYPES as readonly string[]).includes(communicationType)) {
    problems.push(`tipo_comunicazione sconosciuto: «${communicationType}» (INVIO, RETTIFICA o ANNULLAMENTO)`);
  } else if (communicationType === 'INVIO' && previousCode !== null) {
    problems.push('codice_comunicazione_precedente ammesso solo con RETTIFICA o ANNULLAMENTO');
  } else if (communicationType !== null && communicationType !== 'INVIO' && previousCode === null) {
    problems.push(`codice_comunicazione_precedente obbligatorio con ${communicationType}`);
  }
  if (previousCode !== null && previousCode === communicationCode) problems.push('una comunicazione non può rettificare o annullare sé stessa');

  const eventType = required('tipo_evento')?.toUpperCase() ?? null;
  if (eventType !== null && !(EVENT_TYPES as readonly string[]).includes(eventType)) {
    problems.push(`tipo_evento sconosciuto: «${eventType}» (AVV, PRO, TRA o CES)`);
  }

  const sentOn = date('data_invio', true);
  if (sentOn !== null && sentOn > today) problems.push(`data_invio nel futuro: ${sentOn}`);

  const employerTaxCode = required('cf_datore')?.replace(/\s+/g, '').toUpperCase() ?? null;
  if (employerTaxCode !== null && !EMPLOYER_CODE.test(employerTaxCode)) {
    problems.push(`cf_datore non valido: «${employerTaxCode}» (11 cifre o 16 caratteri)`);
  }
  const employerName = required('denominazione_datore');

  const worker = required('cf_lavoratore');
  let workerTaxCode: string | null = null;
  if (worker !== null) {
    const parsed = taxCode.parseTaxCode(worker);
    if (parsed.valid) workerTaxCode = parsed.code;
    else problems.push(`cf_lavoratore non valido: ${parsed.error.message}`);
  }
  const workerFamilyName = required('cognome_lavoratore');
  const workerGivenName = required('nome_lavoratore');
  const workerSex = upper('sesso');
  if (workerSex !== null && workerSex !== 'M' && workerSex !== 'F') problems.push(`sesso non valido: «${workerSex}» (M o F)`);
  const workerBirthDate = date('data_nascita');
  const workerBirthplaceCode = upper('comune_nascita');
  if (workerBirthplaceCode !== null && !BIRTHPLACE.test(workerBirthplaceCode)) {
    problems.push(`comune_nascita non valido: «${workerBirthplaceCode}» (codice catastale, es. D612 o Z129)`);
  }
  const workplaceIstatCode = text('comune_sede_lavoro');
  if (workplaceIstatCode !== null && !ISTAT_MUNICIPALITY.test(workplaceIstatCode)) {
    problems.push(`comune_sede_lavoro non valido: «${workplaceIstatCode}» (codice ISTAT di 6 cifre)`);
  }

  const jobStart = date('data_inizio', true);
  const plannedEnd = date('data_fine');
  if (jobStart !== null && plannedEnd !== null && plannedEnd < jobStart) problems.push(`data_fine ${plannedEnd} precedente a data_inizio ${jobStart}`);

  const contractType = upper('tipologia_contrattuale');
  if (contractType !== null && !CONTRACT.test(contractType)) problems.push(`tipologia_contrattuale non valida: «${contractType}» (es. A.01.00)`);
  if (contractType === null && (eventType === 'AVV' || eventType === 'TRA')) problems.push(`tipologia_contrattuale obbligatoria per ${eventType}`);

  const workingTime = upper('tipo_orario');
  if (workingTime !== null && workingTime !== 'F' && workingTime !== 'P') problems.push(`tipo_orario non valido: «${workingTime}» (F o P)`);
  const hoursText = text('ore_settimanali_medie');
  const weeklyHours = hoursText === null ? null : (parseAmount(hoursText, HOURS) ?? null);
  if (hoursText !== null && (weeklyHours === null || weeklyHours > 168)) problems.push(`ore_settimanali_medie non valide: «${hoursText}»`);
  const payText = text('retribuzione_annua_lorda');
  const annualPay = payText === null ? null : (parseAmount(payText, AMOUNT) ?? null);
  if (payText !== null && annualPay === null) problems.push(`retribuzione_annua_lorda non valida: «${payText}» (euro, es. 18000,00)`);

  const extensionEnd = date('data_proroga', eventType === 'PRO');
  const conversionDate = date('data_trasformazione', eventType === 'TRA');
  const terminationDate = date('data_cessazione', eventType === 'CES');
  if (jobStart !== null) {
    if (extensionEnd !== null && extensionEnd < jobStart) problems.push(`data_proroga ${extensionEnd} precedente a data_inizio ${jobStart}`);
    if (conversionDate !== null && conversionDate < jobStart) problems.push(`data_trasformazione ${conversionDate} precedente a data_inizio ${jobStart}`);
    if (terminationDate !== null && terminationDate < jobStart) problems.push(`data_cessazione ${terminationDate} precedente a data_inizio ${jobStart}`);
  }

  if (problems.length > 0) return { reject: problems.join('; ') };
  const row: NoticeRow = {
    communicationCode: communicationCode as string,
    previousCode,
    communicationType: communicationType as CommunicationType,
    eventType: eventType as EventType,
    sentOn: sentOn as string,
    employerTaxCode: employerTaxCode as string,
    employerName: employerName as string,
    employerAtecoCode: text('ateco_datore'),
    workplaceIstatCode,
    workerTaxCode: workerTaxCode as string,
    workerFamilyName: workerFamilyName as string,
    workerGivenName: workerGivenName as string,
    workerSex,
    workerBirthDate,
    workerBirthplaceCode,
    workerCitizenship: upper('cittadinanza'),
    jobStart: jobStart as string,
    plannedEnd,
    contractType,
    ccnl: text('ccnl'),
    occupationCode: text('qualifica_istat'),
    workingTime,
    weeklyHours,
    annualPay,
    extensionEnd,
    conversionDate,
    conversionCode: upper('codice_trasformazione'),
    terminationDate,
    terminationCause: upper('codice_causa_cessazione'),
  };
  return { row, hash: contentHash(row) };
}

/** sha256 of the normalised content: the same notice written differently (column order, date format) has the same hash. */
export function contentHash(row: NoticeRow): string {
  let text = '';
  for (const value of Object.values(row)) text += `${value === null ? '\u0000' : String(value)}\u001f`;
  return hash('sha256', text, 'hex');
}

/** Which columns of the header are which; missing required columns are named in Italian. */
export function resolveNoticeHeader(header: readonly string[]): { index: Map<NoticeColumn, number> } | { missing: string[] } {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
    if (!positions.has(key)) positions.set(key, i);
  });
  const index = new Map<NoticeColumn, number>();
  const missing: string[] = [];
  for (const column of NOTICE_COLUMNS) {
    const at = positions.get(column.name);
    if (at !== undefined) index.set(column.name, at);
    else if (column.required) missing.push(column.name);
  }
  return missing.length > 0 ? { missing } : { index };
}

/** The record of one row's cells; `index` from resolveNoticeHeader. */
export function pickNoticeCells(cells: readonly string[], index: Map<NoticeColumn, number>): NoticeRecord {
  return cellReader(index)(cells);
}

const readers = new WeakMap<Map<NoticeColumn, number>, (cells: readonly string[]) => NoticeRecord>();
const at = (cells: readonly string[], i: number) => (i < 0 ? '' : (cells[i] ?? ''));

/**
 * Positions resolved once per header; a row's record is then an object literal of fixed shape (hot path on large
 * files: about twice as fast as filling an object key by key). The keys are NOTICE_COLUMNS, in order.
 */
export function cellReader(index: Map<NoticeColumn, number>): (cells: readonly string[]) => NoticeRecord {
  let reader = readers.get(index);
  if (!reader) {
    const p = NOTICE_COLUMNS.map((c) => index.get(c.name) ?? -1);
    reader = (cells): NoticeRecord => ({
      codice_comunicazione: at(cells, p[0] as number),
      codice_comunicazione_precedente: at(cells, p[1] as number),
      tipo_comunicazione: at(cells, p[2] as number),
      tipo_evento: at(cells, p[3] as number),
      data_invio: at(cells, p[4] as number),
      cf_datore: at(cells, p[5] as number),
      denominazione_datore: at(cells, p[6] as number),
      ateco_datore: at(cells, p[7] as number),
      comune_sede_lavoro: at(cells, p[8] as number),
      cf_lavoratore: at(cells, p[9] as number),
      cognome_lavoratore: at(cells, p[10] as number),
      nome_lavoratore: at(cells, p[11] as number),
      sesso: at(cells, p[12] as number),
      data_nascita: at(cells, p[13] as number),
      comune_nascita: at(cells, p[14] as number),
      cittadinanza: at(cells, p[15] as number),
      data_inizio: at(cells, p[16] as number),
      data_fine: at(cells, p[17] as number),
      tipologia_contrattuale: at(cells, p[18] as number),
      ccnl: at(cells, p[19] as number),
      qualifica_istat: at(cells, p[20] as number),
      tipo_orario: at(cells, p[21] as number),
      ore_settimanali_medie: at(cells, p[22] as number),
      retribuzione_annua_lorda: at(cells, p[23] as number),
      data_proroga: at(cells, p[24] as number),
      data_trasformazione: at(cells, p[25] as number),
      codice_trasformazione: at(cells, p[26] as number),
      data_cessazione: at(cells, p[27] as number),
      codice_causa_cessazione: at(cells, p[28] as number),
    });
    readers.set(index, reader);
  }
  return reader;
}
