import { isCalendarDate } from '../../../platform/dates.ts';

/**
 * Field checks shared by the importers. Each returns null when the value is acceptable,
 * otherwise the Italian reason stored with the rejected row.
 */

/** Far-future end date the ministerial tables use for "still valid". */
export const OPEN_END_DATE = '2999-01-01';

export function required(value: string, column: string): string | null {
  return value === '' ? `campo obbligatorio mancante: ${column}` : null;
}

export function checkIstatCode(value: string, column = 'codice ISTAT'): string | null {
  return /^\d{6}$/.test(value) ? null : `${column} «${value}» non valido: servono 6 cifre (es. 048017)`;
}

export function checkBelfioreCode(value: string, column = 'codice catastale'): string | null {
  return /^[A-Z]\d{3}$/.test(value) ? null : `${column} «${value}» non valido: servono una lettera maiuscola e 3 cifre (es. D612)`;
}

export function checkProvinceSigla(value: string): string | null {
  return /^[A-Z]{2}$/.test(value) ? null : `sigla di provincia «${value}» non valida: servono 2 lettere maiuscole (es. FI)`;
}

export function checkRegionCode(value: string): string | null {
  return /^\d{2}$/.test(value) ? null : `codice regione «${value}» non valido: servono 2 cifre (es. 09)`;
}

/** Ministerial job-centre code: Belfiore code of the seat + "C" + 6 digits (e.g. D612C000612). */
export function checkJobCentreCode(value: string): string | null {
  return /^[A-Z]\d{3}C\d{6}$/.test(value) ? null : `codice CPI «${value}» non valido: atteso codice catastale + C + 6 cifre (es. D612C000612)`;
}

export function checkIsoDate(value: string, column: string): string | null {
  return isCalendarDate(value) ? null : `${column} «${value}» non valida: serve una data nel formato AAAA-MM-GG`;
}

export function checkEmail(value: string): string | null {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : `indirizzo email «${value}» non valido`;
}

/** The first failed check, if any. */
export function firstProblem(...problems: (string | null)[]): string | null {
  return problems.find((p) => p !== null) ?? null;
}

/**
 * Duplicate detection within one file: null the first time a value is seen (and remembers its line),
 * the rejection afterwards. Seeing the same line again (a resumed run re-reads it) is not a duplicate.
 */
export function seenBefore(seen: Map<string, number>, value: string, line: number, what: string): string | null {
  const first = seen.get(value);
  if (first !== undefined && first !== line) return `${what} ${value} duplicato: già presente alla riga ${first}`;
  seen.set(value, line);
  return null;
}

/** Empty or the far-future sentinel mean "no end". */
export function endDateOrNull(value: string): string | null {
  return value === '' || value === OPEN_END_DATE ? null : value;
}
