import { describe, expect, it } from 'vitest';
import {
  checkBirthplace,
  checkDeclaredData,
  checkTaxCodeBirthplace,
  computeTaxCode,
  type DeclaredPersonData,
  decodeTaxCode,
  homonymRelation,
  InvalidTaxCodeError,
  isValidTaxCode,
  normaliseNameForTaxCode,
  omocodeVariant,
  parseTaxCode,
  provisionalCheckDigit,
  resolveCentury,
  sameBaseForm,
  taxCodeBaseForm,
} from './taxCode.ts';

const ROSSI = 'RSSMRA80A01H501U';

/** The error of an input expected to be invalid. */
function errorOf(input: string) {
  const parsed = parseTaxCode(input);
  if (parsed.valid) throw new Error(`${input} was expected to be invalid`);
  return parsed.error;
}

describe('parseTaxCode: normalisation and kinds', () => {
  it('trims, upper-cases and strips blanks', () => {
    expect(parseTaxCode('  rss mra 80a01\th501u ')).toEqual({ valid: true, kind: 'personal', code: ROSSI, isOmocode: false });
  });

  it('recognises omocodes as personal codes', () => {
    expect(parseTaxCode('RSSMRA80A01H50MM')).toEqual({ valid: true, kind: 'personal', code: 'RSSMRA80A01H50MM', isOmocode: true });
  });
});

describe('parseTaxCode: every reason for rejecting a personal code', () => {
  it('empty', () => {
    expect(errorOf('   ')).toMatchObject({ reason: 'empty', message: 'Il codice fiscale è obbligatorio.' });
  });

  it.each([
    ['RSSMRA80A01H501', 15],
    ['RSSMRA80A01H501UX', 17],
    ['1234567890', 10],
  ])('wrong length: %s', (input, length) => {
    const e = errorOf(input);
    expect(e.reason).toBe('wrong-length');
    expect(e.message).toContain(`ne ha ${length}`);
  });

  it.each([
    ['1SSMRA80A01H501U', 1, '1', 'una lettera'],
    ['RSSMR480A01H501U', 6, '4', 'una lettera'],
    ['RSSMRAK0A01H501U', 7, 'K', 'omocodia'],
    ['RSSMRA8KA01H501U', 8, 'K', 'omocodia'],
    ['RSSMRA80101H501U', 9, '1', 'una lettera'],
    ['RSSMRA80AA1H501U', 10, 'A', 'omocodia'],
    ['RSSMRA80A0WH501U', 11, 'W', 'omocodia'],
    ['RSSMRA80A011501U', 12, '1', 'una lettera'],
    ['RSSMRA80A01HO01U', 13, 'O', 'omocodia'],
    ['RSSMRA80A01H5O1U', 14, 'O', 'omocodia'],
    ['RSSMRA80A01H50ZU', 15, 'Z', 'omocodia'],
    ['RSSMRA80A01H5011', 16, '1', 'una lettera'],
    ['RSSMRA80A01H501-', 16, '-', 'una lettera'],
  ])('wrong character: %s (position %i)', (input, position, found, expected) => {
    const e = errorOf(input);
    expect(e).toMatchObject({ reason: 'wrong-character', position, found });
    expect(e.expected).toContain(expected);
    expect(e.message).toContain(`posizione ${position}`);
  });

  it.each(['F', 'G', 'I', 'N', 'O', 'Z'])('invalid month letter %s', (letter) => {
    const e = errorOf(`RSSMRA80${letter}01H501U`);
    expect(e).toMatchObject({ reason: 'invalid-month', position: 9, found: letter });
    expect(e.message).toContain('ammesse A, B, C, D, E, H, L, M, P, R, S, T');
  });

  it.each([
    ['RSSMRA80A00H501U', '00'],
    ['RSSMRA80A32H501U', '32'],
    ['RSSMRA80A40H501U', '40'],
    ['RSSMRA80A72H501U', '72'],
    ['RSSMRA80A99H501U', '99'],
    ['RSSMRA80ALLH501U', '00'], // omocodia letters standing for 0 and 0
  ])('invalid day %s (%s)', (input, shown) => {
    const e = errorOf(input);
    expect(e).toMatchObject({ reason: 'invalid-day', found: shown });
    expect(e.message).toContain('41–71');
  });

  it.each([
    ['RSSMRA80B30H501U', 'febbraio ha al massimo 29'],
    ['RSSMRA81B29H501U', 'febbraio ha al massimo 28 giorni negli anni «81»'],
    ['RSSMRA80D31H501U', 'aprile ha al massimo 30'],
    ['RSSMRA80S71H501U', 'novembre ha al massimo 30'],
  ])('day beyond the end of the month: %s', (input, text) => {
    expect(errorOf(input).reason).toBe('invalid-day');
    expect(errorOf(input).message).toContain(text);
  });

  it('29 February is accepted in years that are multiples of 4 (including 00, because 2000 was a leap year)', () => {
    const feb29 = computeTaxCode({ givenName: 'Mario', familyName: 'Rossi', sex: 'F', birthDate: '2000-02-29', birthplaceCode: 'H501' });
    expect(feb29).toBe('RSSMRA00B69H501C');
    expect(parseTaxCode(feb29).valid).toBe(true);
    expect(decodeTaxCode(feb29, { referenceDate: '2025-01-01' })).toMatchObject({ birthDate: '2000-02-29', birthDateAlternative: null, sex: 'F' });
  });

  it('wrong check character says which one was expected', () => {
    expect(errorOf('RSSMRA80A01H501X')).toEqual({
      reason: 'wrong-check-character',
      position: 16,
      found: 'X',
      expected: 'U',
      message: 'Carattere di controllo errato: era atteso «U», trovato «X».',
    });
    // An omocode whose check character was not recomputed.
    expect(errorOf('RSSMRA80A01H50MU')).toMatchObject({ reason: 'wrong-check-character', expected: 'M' });
  });
});

describe('parseTaxCode: 11-digit provisional codes', () => {
  // Luhn-style rule of the partita IVA: odd positions summed as they are, even positions doubled (minus 9 when > 9);
  // the check digit makes the total a multiple of 10.
  //   00743110157: odd 0+7+3+1+1 = 12; even 0,4,1,0,5 → 0+8+2+0+1 = 11; 23 → check (10−3) = 7 ✓
  //   06363391001: odd 0+3+3+9+0 = 15; even 6,6,3,1,0 → 3+3+6+2+0 = 14; 29 → check 1 ✓
  //   12345678903: odd 1+3+5+7+9 = 25; even 2,4,6,8,0 → 4+8+3+7+0 = 22; 47 → check 3 ✓
  //   01234567897: odd 0+2+4+6+8 = 20; even 1,3,5,7,9 → 2+6+1+5+9 = 23; 43 → check 7 ✓
  //   80000000006: odd 8 = 8; even all 0; 8 → check 2 ✗ (so 80000000002 is valid, 80000000006 is not)
  it.each(['00743110157', '06363391001', '12345678903', '01234567897', '80000000002', ' 123 456 789 03 '])('valid: %s', (input) => {
    expect(parseTaxCode(input)).toEqual({ valid: true, kind: 'provisional', code: input.replace(/\s/g, '') });
    expect(isValidTaxCode(input)).toBe(true);
  });

  it.each([
    ['00743110158', '7'],
    ['12345678901', '3'],
    ['80000000006', '2'],
  ])('wrong check digit: %s (expected %s)', (input, expected) => {
    expect(errorOf(input)).toMatchObject({ reason: 'wrong-check-character', position: 11, expected });
    expect(provisionalCheckDigit(input.slice(0, 10))).toBe(expected);
  });

  it('letters are not allowed in a provisional code', () => {
    expect(errorOf('1234567890A')).toMatchObject({ reason: 'wrong-character', position: 11, found: 'A', expected: 'una cifra' });
    expect(errorOf('I2345678903')).toMatchObject({ reason: 'wrong-character', position: 1 });
  });

  it('has no personal data to decode, and no declared data to check', () => {
    expect(() => decodeTaxCode('12345678903')).toThrow(InvalidTaxCodeError);
    const declared: DeclaredPersonData = { givenName: 'Mario', familyName: 'Rossi', sex: 'M', birthDate: '1980-01-01' };
    expect(checkDeclaredData('12345678903', declared)).toEqual([]);
    expect(homonymRelation('12345678903', '12345678903')).toBe('same');
    expect(homonymRelation('12345678903', '00743110157')).toBe('unrelated');
    expect(sameBaseForm('12345678903', '12345678903')).toBe(false);
  });
});

describe('decodeTaxCode', () => {
  it('returns the parts of a code', () => {
    expect(decodeTaxCode('BNCGLI92L55F205A', { referenceDate: '2025-01-01' })).toEqual({
      code: 'BNCGLI92L55F205A',
      surnameCode: 'BNC',
      nameCode: 'GLI',
      yearCode: '92',
      month: 7,
      day: 15,
      sex: 'F',
      birthDate: '1992-07-15',
      birthDateAlternative: '1892-07-15',
      birthplaceCode: 'F205',
      isOmocode: false,
      substitutedPositions: [],
      baseForm: 'BNCGLI92L55F205A',
      checkCharacter: 'A',
    });
  });

  it('maps omocodia letters back in the date and place, and recomputes the base form', () => {
    const omocode = omocodeVariant('BNCGLI92L55F205A', 7);
    expect(omocode).toBe(`BNCGLIVNLRRFNLR${omocode[15]}`);
    expect(decodeTaxCode(omocode, { referenceDate: '2025-01-01' })).toMatchObject({
      yearCode: '92',
      day: 15,
      sex: 'F',
      birthDate: '1992-07-15',
      birthplaceCode: 'F205',
      isOmocode: true,
      substitutedPositions: [7, 8, 10, 11, 13, 14, 15],
      baseForm: 'BNCGLI92L55F205A',
    });
    expect(taxCodeBaseForm(omocode)).toBe('BNCGLI92L55F205A');
  });

  it('throws InvalidTaxCodeError with the parse reason for invalid codes', () => {
    expect(() => decodeTaxCode('RSSMRA80A01H501X')).toThrow('Carattere di controllo errato');
    let caught: unknown;
    try {
      decodeTaxCode('RSSMRA80F01H501U');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidTaxCodeError);
    expect((caught as InvalidTaxCodeError).reason).toBe('invalid-month');
    expect((caught as InvalidTaxCodeError).detail.position).toBe(9);
  });

  it('defaults the reference date to today, so a code of a person born in 1980 decodes to 1980', () => {
    expect(decodeTaxCode(ROSSI).birthDate).toBe('1980-01-01');
  });
});

describe('century rule', () => {
  const person = (birthDate: string) => computeTaxCode({ givenName: 'Mario', familyName: 'Rossi', sex: 'M', birthDate, birthplaceCode: 'H501' });

  it.each([
    // reference 2025-06-30
    ['2025-06-30', '2025-06-30', '1925-06-30'], // the reference day itself stays in the reference century
    ['2025-07-01', '1925-07-01', '1825-07-01'], // same two-digit year but after the reference date → previous century
    ['1926-01-01', '1926-01-01', '1826-01-01'], // 26 > 25 → previous century
    ['2024-12-31', '2024-12-31', '1924-12-31'], // 24 < 25 → reference century, alternative one century earlier
    ['1999-03-24', '1999-03-24', '1899-03-24'],
  ])('born %s → %s (alternative %s)', (born, resolved, alternative) => {
    expect(decodeTaxCode(person(born), { referenceDate: '2025-06-30' })).toMatchObject({ birthDate: resolved, birthDateAlternative: alternative });
  });

  it('29 February "00" never resolves to 1900, which was not a leap year', () => {
    expect(resolveCentury(0, 2, 29, '2025-01-01')).toEqual({ birthDate: '2000-02-29', alternative: null });
    expect(resolveCentury(0, 2, 29, '2150-01-01')).toEqual({ birthDate: '2000-02-29', alternative: null });
  });

  it('rejects a malformed reference date', () => {
    expect(() => resolveCentury(80, 1, 1, '01/01/2025')).toThrow('Data di riferimento non valida');
  });
});

describe('name normalisation and computeTaxCode', () => {
  it.each([
    ["D'Angelo", 'DANGELO'],
    ['De Luca', 'DELUCA'],
    ['Niccolò', 'NICCOLO'],
    ['Dell’Acqua', 'DELLACQUA'],
    ['Müller-Lüdenscheidt', 'MULLERLUDENSCHEIDT'],
    ['Øster', 'OSTER'],
    ['Strauß', 'STRAUSS'],
  ])('%s → %s', (name, letters) => {
    expect(normaliseNameForTaxCode(name)).toBe(letters);
  });

  it('refuses malformed input', () => {
    const p = { givenName: 'Mario', familyName: 'Rossi', sex: 'M' as const, birthDate: '1980-01-01', birthplaceCode: 'H501' };
    expect(() => computeTaxCode({ ...p, birthDate: '1980-02-30' })).toThrow('Data di nascita non valida');
    expect(() => computeTaxCode({ ...p, birthplaceCode: 'Roma' })).toThrow('Codice catastale');
    expect(computeTaxCode({ ...p, birthplaceCode: ' h501 ' })).toBe(ROSSI);
  });
});

describe('homonymRelation and sameBaseForm', () => {
  it('exact code = same person; omocodia variant = possible homonym; otherwise unrelated', () => {
    const level1 = omocodeVariant(ROSSI, 1);
    expect(homonymRelation(ROSSI, ROSSI)).toBe('same');
    expect(homonymRelation(' rssmra80a01h501u', ROSSI)).toBe('same');
    expect(homonymRelation(ROSSI, level1)).toBe('possible-homonym');
    expect(homonymRelation(level1, omocodeVariant(ROSSI, 2))).toBe('possible-homonym');
    expect(homonymRelation(ROSSI, 'BNCGLI92L55F205A')).toBe('unrelated');
    expect(homonymRelation(ROSSI, 'RSSMRA80A01H501X')).toBe('unrelated');
    expect(sameBaseForm(ROSSI, ROSSI)).toBe(true);
    expect(sameBaseForm(ROSSI, level1)).toBe(true);
    expect(parseTaxCode('RSSMRA80A02H501Z').valid).toBe(true);
    expect(sameBaseForm(ROSSI, 'RSSMRA80A02H501Z')).toBe(false);
    expect(sameBaseForm(ROSSI, 'not a code')).toBe(false);
  });
});

describe('checkBirthplace: the place code must have existed on the birth date', () => {
  it('a comune in force', async () => {
    expect(await checkBirthplace('H501', '1980-01-01')).toEqual({
      belfioreCode: 'H501',
      birthDate: '1980-01-01',
      exists: true,
      status: 'valid',
      name: 'Roma',
      province: 'RM',
      foreignState: false,
      validFrom: '1884-09-11',
    });
  });

  it('a comune merged away in 2017 (Abetone, PT, into Abetone Cutigliano): valid up to its cessation day, not after', async () => {
    expect(await checkBirthplace('A012', '1990-05-01')).toMatchObject({
      exists: true,
      status: 'valid',
      name: 'Abetone',
      province: 'PT',
      validTo: '2017-01-01',
    });
    expect(await checkBirthplace('A012', '2017-01-01')).toMatchObject({ exists: true, status: 'valid' });
    const after = await checkBirthplace('A012', '2017-06-01');
    expect(after).toMatchObject({ exists: false, status: 'ceased', name: 'Abetone', validTo: '2017-01-01' });
    expect(after.message).toBe('Il comune di Abetone (A012) è cessato il 01/01/2017, prima della data di nascita (01/06/2017).');
  });

  it('a comune created after the birth date (Fiumicino, 1992; Abetone Cutigliano, 2017)', async () => {
    const fiumicino = await checkBirthplace('M297', '1985-01-01');
    expect(fiumicino).toMatchObject({ exists: false, status: 'not-yet-established', name: 'Fiumicino', province: 'RM', validFrom: '1992-04-04' });
    expect(fiumicino.message).toBe('Il comune di Fiumicino (M297) è stato istituito il 04/04/1992, dopo la data di nascita (01/01/1985).');
    expect(await checkBirthplace('M297', '1992-04-04')).toMatchObject({ exists: true });
    expect(await checkBirthplace('M376', '2016-12-31')).toMatchObject({ exists: false, status: 'not-yet-established', name: 'Abetone Cutigliano' });
    expect(await checkBirthplace('M376', '2017-01-01')).toMatchObject({ exists: true });
  });

  it('foreign states: in force, and ceased (Yugoslavia, Z118, until 2004)', async () => {
    expect(await checkBirthplace('Z404', '2005-12-31')).toMatchObject({ exists: true, foreignState: true, name: "Stati Uniti d'America" });
    expect((await checkBirthplace('Z404', '2005-12-31')).province).toBeUndefined();
    expect(await checkBirthplace('Z118', '1980-01-01')).toMatchObject({ exists: true, foreignState: true });
    expect(await checkBirthplace('Z118', '2010-01-01')).toMatchObject({ exists: false, status: 'ceased', foreignState: true });
    expect((await checkBirthplace('Z118', '2010-01-01')).message).toContain('Lo stato estero');
  });

  it('an unknown code (FRTMXM74L15D354A has a correct check character, but D354 did not exist in 1974)', async () => {
    expect(parseTaxCode('FRTMXM74L15D354A').valid).toBe(true);
    expect(await checkTaxCodeBirthplace('FRTMXM74L15D354A', { referenceDate: '2025-01-01' })).toMatchObject({
      belfioreCode: 'D354',
      birthDate: '1974-07-15',
      exists: false,
      status: 'unknown-code',
    });
    expect(await checkBirthplace('Z999', '1980-01-01')).toMatchObject({ exists: false, status: 'unknown-code' });
    expect(await checkBirthplace('H50', '1980-01-01')).toMatchObject({ exists: false, status: 'unknown-code' });
  });

  it('uses the base form of omocodes and the resolved birth date', async () => {
    const omocode = omocodeVariant(computeTaxCode({ givenName: 'Anna', familyName: 'Neri', sex: 'F', birthDate: '2018-03-01', birthplaceCode: 'A012' }), 3);
    expect(await checkTaxCodeBirthplace(omocode, { referenceDate: '2025-01-01' })).toMatchObject({
      belfioreCode: 'A012',
      birthDate: '2018-03-01',
      status: 'ceased',
    });
  });

  it('rejects a malformed birth date', async () => {
    await expect(checkBirthplace('H501', '1980-13-01')).rejects.toThrow('Data di nascita non valida');
  });
});

describe('checkDeclaredData', () => {
  // DNGNCL01E09A662S: Niccolò D'Angelo, M, 2001-05-09, Bari (A662) — see the vectors file.
  const CODE = 'DNGNCL01E09A662S';
  const clean: DeclaredPersonData = { givenName: 'Niccolò', familyName: "D'Angelo", sex: 'M', birthDate: '2001-05-09', birthplaceCode: 'A662' };

  it('a clean match gives no warning, whatever the spelling of accents, apostrophes and spaces', () => {
    expect(checkDeclaredData(CODE, clean)).toEqual([]);
    expect(checkDeclaredData(CODE, { ...clean, givenName: 'NICCOLO', familyName: 'Dangelo' })).toEqual([]);
    expect(checkDeclaredData(CODE, { ...clean, familyName: 'D’ Angelo', birthplaceCode: ' a662 ' })).toEqual([]);
    // "Nicola" codes as NCL too: the code cannot tell them apart.
    expect(checkDeclaredData(CODE, { ...clean, givenName: 'Nicola' })).toEqual([]);
    // The century is not in the code.
    expect(checkDeclaredData(CODE, { ...clean, birthDate: '1901-05-09' })).toEqual([]);
    // Without a declared birthplace nothing is said about it.
    expect(checkDeclaredData(CODE, { givenName: clean.givenName, familyName: clean.familyName, sex: 'M', birthDate: clean.birthDate })).toEqual([]);
  });

  it('surname-mismatch', () => {
    expect(checkDeclaredData(CODE, { ...clean, familyName: "D'Amico" })).toEqual([
      {
        code: 'surname-mismatch',
        declared: 'DMC',
        inCode: 'DNG',
        message: "Il cognome dichiarato «D'Amico» corrisponde a «DMC», ma il codice fiscale riporta «DNG».",
      },
    ]);
  });

  it('name-mismatch', () => {
    expect(checkDeclaredData(CODE, { ...clean, givenName: 'Marco' })).toEqual([
      { code: 'name-mismatch', declared: 'MRC', inCode: 'NCL', message: 'Il nome dichiarato «Marco» corrisponde a «MRC», ma il codice fiscale riporta «NCL».' },
    ]);
  });

  it('sex-mismatch', () => {
    expect(checkDeclaredData(CODE, { ...clean, sex: 'F' })).toEqual([
      {
        code: 'sex-mismatch',
        declared: 'F',
        inCode: 'M',
        message: 'Il sesso dichiarato (femminile) non corrisponde a quello del codice fiscale (maschile).',
      },
    ]);
  });

  it('birth-date-mismatch', () => {
    expect(checkDeclaredData(CODE, { ...clean, birthDate: '2001-05-10' })).toEqual([
      {
        code: 'birth-date-mismatch',
        declared: '10/05/01',
        inCode: '09/05/01',
        message: 'La data di nascita dichiarata (10/05/2001) non corrisponde a quella del codice fiscale (09/05/01).',
      },
    ]);
    expect(checkDeclaredData(CODE, { ...clean, birthDate: '2002-05-09' })[0]?.code).toBe('birth-date-mismatch');
    expect(checkDeclaredData(CODE, { ...clean, birthDate: '2001-06-09' })[0]?.code).toBe('birth-date-mismatch');
  });

  it('birthplace-mismatch', () => {
    expect(checkDeclaredData(CODE, { ...clean, birthplaceCode: 'F205' })).toEqual([
      {
        code: 'birthplace-mismatch',
        declared: 'F205',
        inCode: 'A662',
        message: 'Il luogo di nascita dichiarato (codice catastale F205) non corrisponde a quello del codice fiscale (A662).',
      },
    ]);
  });

  it('several mismatches at once, and a woman whose day carries +40', () => {
    const woman = 'BNCGLI92L55F205A';
    expect(checkDeclaredData(woman, { givenName: 'Giulia', familyName: 'Bianchi', sex: 'F', birthDate: '1992-07-15', birthplaceCode: 'F205' })).toEqual([]);
    const all = checkDeclaredData(woman, { givenName: 'Paola', familyName: 'Rossi', sex: 'M', birthDate: '1992-07-16', birthplaceCode: 'H501' });
    expect(all.map((w) => w.code)).toEqual(['surname-mismatch', 'name-mismatch', 'sex-mismatch', 'birth-date-mismatch', 'birthplace-mismatch']);
  });

  it('omocodes are compared through their base form', () => {
    for (let level = 1; level <= 7; level++) expect(checkDeclaredData(omocodeVariant(CODE, level), clean)).toEqual([]);
    expect(checkDeclaredData(omocodeVariant(CODE, 7), { ...clean, birthplaceCode: 'F205' }).map((w) => w.code)).toEqual(['birthplace-mismatch']);
  });

  it('an invalid code is an error, not a warning', () => {
    expect(() => checkDeclaredData('DNGNCL01E09A662X', clean)).toThrow(InvalidTaxCodeError);
    expect(() => checkDeclaredData(CODE, { ...clean, birthDate: '09/05/2001' })).toThrow('Data di nascita dichiarata non valida');
  });
});
