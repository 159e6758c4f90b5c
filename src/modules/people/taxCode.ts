/**
 * Codice fiscale: parsing, decoding, omocodia, checks against declared data and birthplace validity.
 *
 * Algorithm: DM 23/12/1976 (DPR 605/1973), summarised in shared/docs/rules-reference.md §10.
 * Name coding and the check character come from `codice-fiscale-js` (its helpers are fed names already
 * stripped of accents, because the library drops accented vowels: "Fò" would give "FXX" instead of "FOX").
 * Birthplace validity comes from `@marketto/belfiore-connector-embedded` (ANPR comuni and ISTAT foreign states
 * with their dates, embedded in the package, no network).
 * Everything here is pure except `todayInRome()` (the default reference date) and the dataset look-up, which is
 * in memory but asynchronous because that is the library's interface.
 */
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';
import * as codiceFiscale from 'codice-fiscale-js';

// The package's types declare a default export; at run time its CommonJS build exposes a named `CodiceFiscale`.
const CodiceFiscale = (codiceFiscale as unknown as { CodiceFiscale: typeof codiceFiscale.default.default }).CodiceFiscale;

/** Month letters, January to December. */
export const MONTH_LETTERS = 'ABCDEHLMPRST';
/** The 1-based positions that hold digits and may carry omocodia letters, left to right. */
export const OMOCODIA_POSITIONS: readonly number[] = [7, 8, 10, 11, 13, 14, 15];
/** Omocodia letters: index = the digit they stand for (0→L … 9→V). */
export const OMOCODIA_LETTERS = 'LMNPQRSTUV';

export type TaxCodeKind = 'personal' | 'provisional';
export type Sex = 'M' | 'F';

/** Why a string is not a tax code. */
export type TaxCodeProblem = 'empty' | 'wrong-length' | 'wrong-character' | 'invalid-month' | 'invalid-day' | 'wrong-check-character' | 'not-personal';

/** A specific, Italian-worded reason for rejecting a code. */
export interface TaxCodeError {
  reason: TaxCodeProblem;
  message: string;
  /** 1-based position of the offending character, when there is one. */
  position?: number;
  expected?: string;
  found?: string;
}

export type TaxCodeParseResult =
  | { valid: true; kind: 'personal'; code: string; isOmocode: boolean }
  | { valid: true; kind: 'provisional'; code: string }
  | { valid: false; code: string; error: TaxCodeError };

/** Thrown by the functions that need a valid personal code. */
export class InvalidTaxCodeError extends Error {
  readonly reason: TaxCodeProblem;
  readonly detail: TaxCodeError;
  constructor(detail: TaxCodeError) {
    super(detail.message);
    this.name = 'InvalidTaxCodeError';
    this.reason = detail.reason;
    this.detail = detail;
  }
}

export interface DecodedTaxCode {
  /** The normalised code as given (possibly an omocode). */
  code: string;
  surnameCode: string;
  nameCode: string;
  /** Two-digit year as written in the base form. */
  yearCode: string;
  month: number;
  day: number;
  sex: Sex;
  /** Birth date resolved with the century rule (see `resolveCentury`). */
  birthDate: string;
  /** The same day one century earlier, or null when that date does not exist (29 February 1900). */
  birthDateAlternative: string | null;
  /** Belfiore code of the birthplace, omocodia letters mapped back to digits (position 12 is always a letter). */
  birthplaceCode: string;
  isOmocode: boolean;
  /** 1-based positions that carry omocodia letters. */
  substitutedPositions: number[];
  /** The code with every omocodia letter mapped back to its digit and the check character recomputed. */
  baseForm: string;
  checkCharacter: string;
}

export interface DecodeOptions {
  /** 'YYYY-MM-DD'; defaults to today in Europe/Rome. */
  referenceDate?: string;
}

export interface TaxCodePerson {
  givenName: string;
  familyName: string;
  sex: Sex;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  /** Belfiore code: a comune (letter + 3 digits) or a foreign state (Z + 3 digits). */
  birthplaceCode: string;
}

export interface DeclaredPersonData {
  givenName: string;
  familyName: string;
  sex: Sex;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  birthplaceCode?: string;
}

export type DeclaredDataMismatch = 'surname-mismatch' | 'name-mismatch' | 'sex-mismatch' | 'birth-date-mismatch' | 'birthplace-mismatch';

/** A discrepancy between declared data and the code: a warning, never an error (issued codes are authoritative). */
export interface DeclaredDataWarning {
  code: DeclaredDataMismatch;
  message: string;
  /** What the declared data gives, in the code's terms. */
  declared: string;
  /** What the tax code carries. */
  inCode: string;
}

export type BirthplaceStatus = 'valid' | 'unknown-code' | 'not-yet-established' | 'ceased';

export interface BirthplaceCheck {
  belfioreCode: string;
  birthDate: string;
  /** True when the code designated a comune or foreign state on the birth date. */
  exists: boolean;
  status: BirthplaceStatus;
  /** Italian explanation when `exists` is false. */
  message?: string;
  name?: string;
  /** Province abbreviation for comuni. */
  province?: string;
  /** 'YYYY-MM-DD', first day of validity. */
  validFrom?: string;
  /** 'YYYY-MM-DD', last day of validity (the dataset's cessation day, accepted inclusively); absent while in force. */
  validTo?: string;
  foreignState?: boolean;
}

export type HomonymRelation = 'same' | 'possible-homonym' | 'unrelated';

const MONTH_NAMES = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const LETTER = /^[A-Z]$/;
const DIGIT = /^[0-9]$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BELFIORE = /^[A-Z][0-9]{3}$/;
const OMOCODIA_INDEXES = OMOCODIA_POSITIONS.map((p) => p - 1);

/** Trims, upper-cases and removes every blank from user input. */
export function normaliseTaxCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Days in a month; `year` may be null for "unknown century", in which case 29 February is allowed. */
function daysInMonth(month: number, year: number | null): number {
  if (month === 2) {
    if (year === null) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Splits a 'YYYY-MM-DD' string, or returns null when it is not a real calendar date. */
function splitIsoDate(date: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year)) return null;
  return { year, month, day };
}

/** Formats a calendar date as 'YYYY-MM-DD'. */
function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's date in Europe/Rome as 'YYYY-MM-DD'. */
export function todayInRome(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Digit a numeric position stands for, whether written as a digit or as an omocodia letter (-1 if neither). */
function numericValue(char: string): number {
  if (DIGIT.test(char)) return Number(char);
  return OMOCODIA_LETTERS.indexOf(char);
}

/** Check character of the first 15 characters of a personal code (delegates to the library). */
export function checkCharacter(first15: string): string {
  return CodiceFiscale.getCheckCode(first15.slice(0, 15).toUpperCase());
}

/** Check digit of the first 10 digits of an 11-digit provisional code (same Luhn-style rule as the partita IVA). */
export function provisionalCheckDigit(first10: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = Number(first10[i]);
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return String((10 - (sum % 10)) % 10);
}

const EXPECTED_NUMERIC = `una cifra o una lettera di omocodia ${OMOCODIA_LETTERS.split('').join(', ')}`;
/** What each of the 16 positions accepts (index = position − 1). */
const POSITION_RULES: readonly { test: (c: string) => boolean; expected: string }[] = Array.from({ length: 16 }, (_, i) =>
  OMOCODIA_POSITIONS.includes(i + 1)
    ? { test: (c: string) => numericValue(c) >= 0, expected: EXPECTED_NUMERIC }
    : { test: (c: string) => LETTER.test(c), expected: 'una lettera' },
);

/** Validates an 11-character candidate as a numeric provisional code. */
function parseProvisional(code: string): TaxCodeParseResult {
  for (let i = 0; i < 11; i++) {
    const c = code[i]!;
    if (!DIGIT.test(c)) {
      return {
        valid: false,
        code,
        error: {
          reason: 'wrong-character',
          position: i + 1,
          found: c,
          expected: 'una cifra',
          message: `Carattere non valido in posizione ${i + 1}: «${c}» (il codice fiscale provvisorio è composto da 11 cifre).`,
        },
      };
    }
  }
  const expected = provisionalCheckDigit(code.slice(0, 10));
  if (code[10] !== expected) {
    return {
      valid: false,
      code,
      error: {
        reason: 'wrong-check-character',
        position: 11,
        found: code[10]!,
        expected,
        message: `Cifra di controllo errata: era attesa «${expected}», trovata «${code[10]}».`,
      },
    };
  }
  return { valid: true, kind: 'provisional', code };
}

/** Validates a 16-character candidate: characters per position, month, day, check character. */
function parsePersonal(code: string): TaxCodeParseResult {
  for (let position = 1; position <= 16; position++) {
    const c = code[position - 1]!;
    const rule = POSITION_RULES[position - 1]!;
    if (!rule.test(c)) {
      return {
        valid: false,
        code,
        error: {
          reason: 'wrong-character',
          position,
          found: c,
          expected: rule.expected,
          message: `Carattere non valido in posizione ${position}: «${c}» (atteso: ${rule.expected}).`,
        },
      };
    }
  }
  const monthLetter = code[8]!;
  const month = MONTH_LETTERS.indexOf(monthLetter) + 1;
  if (month === 0) {
    return {
      valid: false,
      code,
      error: {
        reason: 'invalid-month',
        position: 9,
        found: monthLetter,
        expected: MONTH_LETTERS,
        message: `Lettera del mese non valida in posizione 9: «${monthLetter}» (ammesse ${MONTH_LETTERS.split('').join(', ')}).`,
      },
    };
  }
  const rawDay = numericValue(code[9]!) * 10 + numericValue(code[10]!);
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const yy = numericValue(code[6]!) * 10 + numericValue(code[7]!);
  // Two-digit year: 29 February exists in 19yy or 20yy only when yy is a multiple of 4 (2000 was a leap year).
  const february29 = yy % 4 === 0;
  const maxDay = month === 2 ? (february29 ? 29 : 28) : daysInMonth(month, null);
  if (!((rawDay >= 1 && rawDay <= 31) || (rawDay >= 41 && rawDay <= 71)) || day > maxDay) {
    const shown = String(rawDay).padStart(2, '0');
    return {
      valid: false,
      code,
      error: {
        reason: 'invalid-day',
        position: 10,
        found: shown,
        expected: '01–31 (uomini) o 41–71 (donne)',
        message:
          day > maxDay && day <= 31
            ? `Giorno di nascita non valido nelle posizioni 10–11: «${shown}» (${MONTH_NAMES[month - 1]} ha al massimo ${maxDay} giorni${month === 2 && maxDay === 28 ? ` negli anni «${String(yy).padStart(2, '0')}»` : ''}).`
            : `Giorno di nascita non valido nelle posizioni 10–11: «${shown}» (ammessi 01–31 per gli uomini e 41–71 per le donne).`,
      },
    };
  }
  const expected = checkCharacter(code);
  if (code[15] !== expected) {
    return {
      valid: false,
      code,
      error: {
        reason: 'wrong-check-character',
        position: 16,
        found: code[15]!,
        expected,
        message: `Carattere di controllo errato: era atteso «${expected}», trovato «${code[15]}».`,
      },
    };
  }
  const isOmocode = OMOCODIA_INDEXES.some((i) => !DIGIT.test(code[i]!));
  return { valid: true, kind: 'personal', code, isOmocode };
}

/** Normalises and classifies a tax code as personal (16 characters), provisional (11 digits) or invalid with a reason. */
export function parseTaxCode(input: string): TaxCodeParseResult {
  const code = normaliseTaxCode(input);
  if (code.length === 0) {
    return { valid: false, code, error: { reason: 'empty', message: 'Il codice fiscale è obbligatorio.' } };
  }
  if (code.length === 16) return parsePersonal(code);
  if (code.length === 11) return parseProvisional(code);
  return {
    valid: false,
    code,
    error: {
      reason: 'wrong-length',
      found: String(code.length),
      expected: '16 o 11',
      message: `Lunghezza errata: il codice fiscale ha 16 caratteri (11 cifre se provvisorio), quello inserito ne ha ${code.length}.`,
    },
  };
}

/** True when the input is a valid personal or provisional tax code. */
export function isValidTaxCode(input: string): boolean {
  return parseTaxCode(input).valid;
}

/** Returns the normalised code when it is a valid personal code; throws InvalidTaxCodeError otherwise. */
function requirePersonal(input: string): string {
  const parsed = parseTaxCode(input);
  if (!parsed.valid) throw new InvalidTaxCodeError(parsed.error);
  if (parsed.kind !== 'personal') {
    throw new InvalidTaxCodeError({
      reason: 'not-personal',
      message: 'Il codice fiscale provvisorio numerico non contiene dati anagrafici da decodificare.',
    });
  }
  return parsed.code;
}

/** Maps every omocodia letter of a valid personal code back to its digit and recomputes the check character. */
function baseFormOf(code: string): string {
  const chars = code.slice(0, 15).split('');
  for (const i of OMOCODIA_INDEXES) chars[i] = String(numericValue(chars[i]!));
  const first15 = chars.join('');
  return first15 + checkCharacter(first15);
}

/**
 * Century rule: the year is put in the reference date's century unless that would place the birth after the
 * reference date, in which case it belongs to the previous century (reference 2025-06-30: "25" in June → 2025,
 * "25" in July → 1925, "26" → 1926, "24" → 2024). The alternative is always the previous century.
 */
export function resolveCentury(yy: number, month: number, day: number, referenceDate: string): { birthDate: string; alternative: string | null } {
  const ref = splitIsoDate(referenceDate);
  if (!ref) throw new Error(`Data di riferimento non valida: «${referenceDate}» (formato AAAA-MM-GG).`);
  let year = ref.year - (ref.year % 100) + yy;
  if (isoDate(year, month, day) > referenceDate) year -= 100;
  // 29 February of a non-leap century year ("00" resolved to 1900 or 2100): take the neighbouring century that has it.
  if (day > daysInMonth(month, year)) year = day <= daysInMonth(month, year - 100) ? year - 100 : year + 100;
  const alternativeYear = year - 100;
  return {
    birthDate: isoDate(year, month, day),
    alternative: day <= daysInMonth(month, alternativeYear) ? isoDate(alternativeYear, month, day) : null,
  };
}

/** Decodes a valid personal code (omocodes included) into its parts; throws InvalidTaxCodeError otherwise. */
export function decodeTaxCode(input: string, options: DecodeOptions = {}): DecodedTaxCode {
  const code = requirePersonal(input);
  const baseForm = baseFormOf(code);
  const yy = Number(baseForm.slice(6, 8));
  const month = MONTH_LETTERS.indexOf(baseForm[8]!) + 1;
  const rawDay = Number(baseForm.slice(9, 11));
  const sex: Sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  const { birthDate, alternative } = resolveCentury(yy, month, day, options.referenceDate ?? todayInRome());
  const substitutedPositions = OMOCODIA_POSITIONS.filter((p) => !DIGIT.test(code[p - 1]!));
  return {
    code,
    surnameCode: code.slice(0, 3),
    nameCode: code.slice(3, 6),
    yearCode: baseForm.slice(6, 8),
    month,
    day,
    sex,
    birthDate,
    birthDateAlternative: alternative,
    birthplaceCode: baseForm.slice(11, 15),
    isOmocode: substitutedPositions.length > 0,
    substitutedPositions,
    baseForm,
    checkCharacter: code[15]!,
  };
}

/** Base form of a valid personal code (the code itself when it is not an omocode); throws otherwise. */
export function taxCodeBaseForm(input: string): string {
  return baseFormOf(requirePersonal(input));
}

/** Reduces a name to the letters A–Z the algorithm uses: accents stripped, apostrophes, spaces and symbols dropped. */
export function normaliseNameForTaxCode(name: string): string {
  const specials: Record<string, string> = { Æ: 'AE', Œ: 'OE', ß: 'SS', ẞ: 'SS', Ø: 'O', Ł: 'L', Đ: 'D', Þ: 'TH', Ð: 'D', Ħ: 'H', Ŧ: 'T' };
  return name
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ÆŒßẞØŁĐÞÐĦŦ]/g, (c) => specials[c] ?? '')
    .replace(/[^A-Z]/g, '');
}

/** Three-letter surname code: consonants, then vowels, then X (via the library, on the normalised name). */
export function surnameCode(familyName: string): string {
  return CodiceFiscale.surnameCode(normaliseNameForTaxCode(familyName));
}

/** Three-letter given-name code: 1st, 3rd and 4th consonant when there are more than three, else as the surname. */
export function nameCode(givenName: string): string {
  return CodiceFiscale.nameCode(normaliseNameForTaxCode(givenName));
}

/** Computes the base-form personal code of a person (library helpers; the birthplace is not checked against dates here). */
export function computeTaxCode(person: TaxCodePerson): string {
  const date = splitIsoDate(person.birthDate);
  if (!date) throw new Error(`Data di nascita non valida: «${person.birthDate}» (formato AAAA-MM-GG).`);
  const place = person.birthplaceCode.trim().toUpperCase();
  if (!BELFIORE.test(place)) throw new Error(`Codice catastale del luogo di nascita non valido: «${person.birthplaceCode}» (una lettera e tre cifre).`);
  if (person.sex !== 'M' && person.sex !== 'F') throw new Error(`Sesso non valido: «${String(person.sex)}» (M o F).`);
  const first15 = surnameCode(person.familyName) + nameCode(person.givenName) + CodiceFiscale.dateCode(date.day, date.month, date.year, person.sex) + place;
  return first15 + checkCharacter(first15);
}

/** Replaces the digits at the given 0-based indexes with omocodia letters and recomputes the check character. */
function substitute(base15: string, indexes: readonly number[]): string {
  const chars = base15.split('');
  for (const i of indexes) chars[i] = OMOCODIA_LETTERS[Number(chars[i])]!;
  const first15 = chars.join('');
  return first15 + checkCharacter(first15);
}

/** Omocode of the given level as the Agenzia assigns it: the `level` rightmost numeric positions substituted (0 = base form). */
export function omocodeVariant(input: string, level: number): string {
  if (!Number.isInteger(level) || level < 0 || level > 7) throw new Error(`Livello di omocodia non valido: ${level} (da 0 a 7).`);
  const base15 = baseFormOf(requirePersonal(input)).slice(0, 15);
  return substitute(base15, OMOCODIA_INDEXES.slice(OMOCODIA_INDEXES.length - level));
}

/** All 128 codes sharing the base form of the input (base form first, then every subset of substituted positions). */
export function omocodeVariants(input: string): string[] {
  const base15 = baseFormOf(requirePersonal(input)).slice(0, 15);
  const variants: string[] = [];
  for (let mask = 0; mask < 1 << OMOCODIA_INDEXES.length; mask++) {
    variants.push(
      substitute(
        base15,
        OMOCODIA_INDEXES.filter((_, bit) => (mask >> bit) & 1),
      ),
    );
  }
  return variants;
}

/** True when both inputs are valid personal codes with the same base form (identical or omocodia variants). */
export function sameBaseForm(a: string, b: string): boolean {
  const pa = parseTaxCode(a);
  const pb = parseTaxCode(b);
  if (!pa.valid || !pb.valid || pa.kind !== 'personal' || pb.kind !== 'personal') return false;
  return baseFormOf(pa.code) === baseFormOf(pb.code);
}

/** Exact code = same person; same base form but different code = possible homonym (notice, never a merge); else unrelated. */
export function homonymRelation(a: string, b: string): HomonymRelation {
  const pa = parseTaxCode(a);
  const pb = parseTaxCode(b);
  if (!pa.valid || !pb.valid) return 'unrelated';
  if (pa.code === pb.code) return 'same';
  return sameBaseForm(pa.code, pb.code) ? 'possible-homonym' : 'unrelated';
}

/** Compares declared personal data with a personal code and lists each discrepancy as a warning (none for provisional codes). */
export function checkDeclaredData(input: string, declared: DeclaredPersonData): DeclaredDataWarning[] {
  const parsed = parseTaxCode(input);
  if (!parsed.valid) throw new InvalidTaxCodeError(parsed.error);
  if (parsed.kind === 'provisional') return [];
  const birth = splitIsoDate(declared.birthDate);
  if (!birth) throw new Error(`Data di nascita dichiarata non valida: «${declared.birthDate}» (formato AAAA-MM-GG).`);
  // The reference date does not matter here: only the two-digit year, month and day are compared.
  const decoded = decodeTaxCode(parsed.code, { referenceDate: '9999-12-31' });
  const warnings: DeclaredDataWarning[] = [];

  const declaredSurname = surnameCode(declared.familyName);
  if (declaredSurname !== decoded.surnameCode) {
    warnings.push({
      code: 'surname-mismatch',
      declared: declaredSurname,
      inCode: decoded.surnameCode,
      message: `Il cognome dichiarato «${declared.familyName}» corrisponde a «${declaredSurname}», ma il codice fiscale riporta «${decoded.surnameCode}».`,
    });
  }
  const declaredName = nameCode(declared.givenName);
  if (declaredName !== decoded.nameCode) {
    warnings.push({
      code: 'name-mismatch',
      declared: declaredName,
      inCode: decoded.nameCode,
      message: `Il nome dichiarato «${declared.givenName}» corrisponde a «${declaredName}», ma il codice fiscale riporta «${decoded.nameCode}».`,
    });
  }
  if (declared.sex !== decoded.sex) {
    const label = (s: Sex) => (s === 'F' ? 'femminile' : 'maschile');
    warnings.push({
      code: 'sex-mismatch',
      declared: declared.sex,
      inCode: decoded.sex,
      message: `Il sesso dichiarato (${label(declared.sex)}) non corrisponde a quello del codice fiscale (${label(decoded.sex)}).`,
    });
  }
  const declaredDate = `${String(birth.day).padStart(2, '0')}/${String(birth.month).padStart(2, '0')}/${String(birth.year % 100).padStart(2, '0')}`;
  const codeDate = `${String(decoded.day).padStart(2, '0')}/${String(decoded.month).padStart(2, '0')}/${decoded.yearCode}`;
  if (declaredDate !== codeDate) {
    warnings.push({
      code: 'birth-date-mismatch',
      declared: declaredDate,
      inCode: codeDate,
      message: `La data di nascita dichiarata (${isoToItalian(declared.birthDate)}) non corrisponde a quella del codice fiscale (${codeDate}).`,
    });
  }
  if (declared.birthplaceCode !== undefined) {
    const place = declared.birthplaceCode.trim().toUpperCase();
    if (place !== decoded.birthplaceCode) {
      warnings.push({
        code: 'birthplace-mismatch',
        declared: place,
        inCode: decoded.birthplaceCode,
        message: `Il luogo di nascita dichiarato (codice catastale ${place}) non corrisponde a quello del codice fiscale (${decoded.birthplaceCode}).`,
      });
    }
  }
  return warnings;
}

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'. */
function isoToItalian(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** UTC calendar date of a Date as 'YYYY-MM-DD'. */
function datePart(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Checks that a Belfiore code designated a comune or a foreign state on the birth date, both ends inclusive.
 * Data: ANPR archive of comuni (current and ceased, with institution and cessation dates) and ISTAT foreign states,
 * as embedded in `@marketto/belfiore-connector-embedded`. What it cannot check: the dataset keeps one row per code,
 * so a comune suppressed and later re-established under the same code (e.g. merged in 1928, restored after 1945)
 * only shows its latest period; foreign states all start on 1861-01-01, so only their cessation is checked (a code of a
 * state that did not yet exist on the birth date is accepted); codes missing from the dataset are reported as unknown.
 */
export async function checkBirthplace(belfioreCode: string, birthDate: string): Promise<BirthplaceCheck> {
  const code = belfioreCode.trim().toUpperCase();
  if (!splitIsoDate(birthDate)) throw new Error(`Data di nascita non valida: «${birthDate}» (formato AAAA-MM-GG).`);
  const place = BELFIORE.test(code) ? await belfioreConnector.findByCode(code) : null;
  if (!place) {
    return {
      belfioreCode: code,
      birthDate,
      exists: false,
      status: 'unknown-code',
      message: `Il codice catastale ${code} non corrisponde a nessun comune né stato estero noto.`,
    };
  }
  const foreignState = code.startsWith('Z');
  const validFrom = datePart(place.creationDate);
  const validTo = place.expirationDate.getUTCFullYear() >= 9999 ? undefined : datePart(place.expirationDate);
  const what = foreignState ? `Lo stato estero ${place.name} (${code})` : `Il comune di ${place.name} (${code})`;
  const result: BirthplaceCheck = { belfioreCode: code, birthDate, exists: true, status: 'valid', name: place.name, foreignState, validFrom };
  if (place.province) result.province = place.province;
  if (validTo) result.validTo = validTo;
  if (birthDate < validFrom) {
    return {
      ...result,
      exists: false,
      status: 'not-yet-established',
      message: `${what} è stato istituito il ${isoToItalian(validFrom)}, dopo la data di nascita (${isoToItalian(birthDate)}).`,
    };
  }
  if (validTo && birthDate > validTo) {
    return {
      ...result,
      exists: false,
      status: 'ceased',
      message: `${what} è cessato il ${isoToItalian(validTo)}, prima della data di nascita (${isoToItalian(birthDate)}).`,
    };
  }
  return result;
}

/** Decodes a personal code and checks its birthplace on the resolved birth date. */
export async function checkTaxCodeBirthplace(input: string, options: DecodeOptions = {}): Promise<BirthplaceCheck> {
  const decoded = decodeTaxCode(input, options);
  return checkBirthplace(decoded.birthplaceCode, decoded.birthDate);
}
