/**
 * Tax-code vectors computed independently of the library: a minimal re-implementation of the published algorithm
 * (rules-reference §10, DM 23/12/1976) written here from the tables, plus hand-worked vectors. Both the library
 * (`codice-fiscale-js`) and our module are compared with them.
 */
import * as codiceFiscale from 'codice-fiscale-js';
import { describe, expect, it } from 'vitest';
import { computeTaxCode, decodeTaxCode, homonymRelation, omocodeVariant, omocodeVariants, parseTaxCode, sameBaseForm, type TaxCodePerson } from './taxCode.ts';

const CodiceFiscale = (codiceFiscale as unknown as { CodiceFiscale: typeof codiceFiscale.default.default }).CodiceFiscale;

// ---------------------------------------------------------------------------------------------------------------
// Independent reference implementation (tables from §10; no code shared with the module or the library).
// ---------------------------------------------------------------------------------------------------------------
/** ODD-position values for A..Z; digits 0..9 take the values of A..J. EVEN positions: digit = itself, A..Z = 0..25. */
const REF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const REF_MONTHS = 'ABCDEHLMPRST';
const REF_OMO = 'LMNPQRSTUV';
/** 0-based indexes of the seven numeric positions (1-based 7, 8, 10, 11, 13, 14, 15). */
const REF_NUMERIC = [6, 7, 9, 10, 12, 13, 14];

function refIndex(c: string): number {
  return c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
}
function refCheck(first15: string): string {
  let sum = 0;
  // 1-based odd positions are 0-based even indexes.
  for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? REF_ODD[refIndex(first15[i]!)]! : refIndex(first15[i]!);
  return String.fromCharCode(65 + (sum % 26));
}
function refLetters(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}
function refSplit(s: string): [string, string] {
  const l = refLetters(s);
  return [l.replace(/[AEIOU]/g, ''), l.replace(/[^AEIOU]/g, '')];
}
function refSurname(s: string): string {
  const [c, v] = refSplit(s);
  return `${c}${v}XXX`.slice(0, 3);
}
function refName(s: string): string {
  const [c, v] = refSplit(s);
  return c.length > 3 ? c[0]! + c[2]! + c[3]! : `${c}${v}XXX`.slice(0, 3);
}
function refCode(p: TaxCodePerson): string {
  const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
  const day = p.sex === 'F' ? d + 40 : d;
  const first15 =
    refSurname(p.familyName) + refName(p.givenName) + String(y % 100).padStart(2, '0') + REF_MONTHS[m - 1] + String(day).padStart(2, '0') + p.birthplaceCode;
  return first15 + refCheck(first15);
}
/** Substitutes the given 0-based numeric indexes of a base-form code and recomputes the check character. */
function refOmocode(base: string, indexes: number[]): string {
  const chars = base.slice(0, 15).split('');
  for (const i of indexes) chars[i] = REF_OMO[Number(chars[i])]!;
  return chars.join('') + refCheck(chars.join(''));
}
function refBase(code: string): string {
  const chars = code.slice(0, 15).split('');
  for (const i of REF_NUMERIC) if (REF_OMO.includes(chars[i]!)) chars[i] = String(REF_OMO.indexOf(chars[i]!));
  return chars.join('') + refCheck(chars.join(''));
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-worked vectors. Sums: odd positions (1st, 3rd, …) use the ODD table, even positions the plain value.
// ---------------------------------------------------------------------------------------------------------------
interface Vector {
  person: TaxCodePerson;
  code: string;
  /** True when `codice-fiscale-js` fed with the raw (accented) names gets it wrong: it drops accented vowels. */
  libraryNeedsNormalisedNames?: boolean;
}

const VECTORS: Vector[] = [
  // 1. Mario Rossi, M, 1980-01-01, Roma H501.
  //    ROSSI → consonants RSS. MARIO → consonants MR + vowel A → MRA. 80, January A, day 01, H501.
  //    R8 S18 S12 M12 R8 A0 8:19 0:0 A1 0:0 1:0 H7 5:13 0:0 1:0 = 98; 98 mod 26 = 20 → U.
  { person: { givenName: 'Mario', familyName: 'Rossi', sex: 'M', birthDate: '1980-01-01', birthplaceCode: 'H501' }, code: 'RSSMRA80A01H501U' },
  // 2. A woman: Giulia Bianchi, F, 1992-07-15, Milano F205.
  //    BIANCHI → BNC (B N C H, first three). GIULIA → GL + I → GLI. 92, July L, 15+40 = 55, F205.
  //    B0 N13 C5 G6 L4 I8 9:21 2:2 L4 5:5 5:13 F5 2:5 0:0 5:13 = 104; 104 mod 26 = 0 → A.
  { person: { givenName: 'Giulia', familyName: 'Bianchi', sex: 'F', birthDate: '1992-07-15', birthplaceCode: 'F205' }, code: 'BNCGLI92L55F205A' },
  // 3. Born abroad: Ion Popescu, M, 1985-03-20, Romania Z129.
  //    POPESCU → PPS. ION → N + I, O → NIO. 85, March C, 20, Z129.
  //    P3 P15 S12 N13 I19 O14 8:19 5:5 C5 2:2 0:1 Z25 1:0 2:2 9:21 = 156; 156 mod 26 = 0 → A.
  { person: { givenName: 'Ion', familyName: 'Popescu', sex: 'M', birthDate: '1985-03-20', birthplaceCode: 'Z129' }, code: 'PPSNIO85C20Z129A' },
  // 4. Name with more than three consonants: Francesco Ricci, M, 1975-12-31, Napoli F839.
  //    RICCI → RCC. FRANCESCO → consonants F R N C S C (6) → 1st, 3rd, 4th = F N C. 75, December T, 31, F839.
  //    R8 C2 C5 F5 N20 C2 7:17 5:5 T14 3:3 1:0 F5 8:19 3:3 9:21 = 129; 129 mod 26 = 25 → Z.
  { person: { givenName: 'Francesco', familyName: 'Ricci', sex: 'M', birthDate: '1975-12-31', birthplaceCode: 'F839' }, code: 'RCCFNC75T31F839Z' },
  // 5. Surname shorter than three letters: Dario Fo, M, 1999-03-24, Pisa G702.
  //    FO → F + O + X → FOX. DARIO → DR + A → DRA. 99, March C, 24, G702.
  //    F13 O14 X25 D3 R8 A0 9:21 9:9 C5 2:2 4:9 G6 7:17 0:0 2:5 = 137; 137 mod 26 = 7 → H.
  { person: { givenName: 'Dario', familyName: 'Fo', sex: 'M', birthDate: '1999-03-24', birthplaceCode: 'G702' }, code: 'FOXDRA99C24G702H' },
  // 6. Apostrophe and accent: Niccolò D'Angelo, M, 2001-05-09, Bari A662.
  //    D'ANGELO → DANGELO → consonants D N G (L) → DNG. NICCOLÒ → NICCOLO → consonants N C C L (4) → N C L.
  //    01, May E, 09, A662.
  //    D7 N13 G15 N13 C5 L11 0:1 1:1 E9 0:0 9:21 A0 6:15 6:6 2:5 = 122; 122 mod 26 = 18 → S.
  { person: { givenName: 'Niccolò', familyName: "D'Angelo", sex: 'M', birthDate: '2001-05-09', birthplaceCode: 'A662' }, code: 'DNGNCL01E09A662S' },
  // 7. Accented vowels that count: Noè Fò, M, 1968-02-29 (leap year), Torino L219.
  //    FÒ → FO → FOX. NOÈ → NOE → N + O, E → NOE. 68, February B, 29, L219.
  //    F13 O14 X25 N13 O11 E4 6:15 8:8 B0 2:2 9:21 L11 2:5 1:1 9:21 = 164; 164 mod 26 = 8 → I.
  //    (codice-fiscale-js given "Fò"/"Noè" as typed drops ò/è and yields FXX/NOX.)
  {
    person: { givenName: 'Noè', familyName: 'Fò', sex: 'M', birthDate: '1968-02-29', birthplaceCode: 'L219' },
    code: 'FOXNOE68B29L219I',
    libraryNeedsNormalisedNames: true,
  },
  // 8. Two-word surname and two given names: Maria Luisa De Luca, F, 1960-10-05, Genova D969.
  //    DE LUCA → DELUCA → DLC. MARIA LUISA → MARIALUISA → consonants M R L S (4) → M L S. 60, October R, 05+40 = 45.
  //    D7 L11 C5 M12 L4 S18 6:15 0:0 R8 4:4 5:13 D3 9:21 6:6 9:21 = 148; 148 mod 26 = 18 → S.
  { person: { givenName: 'Maria Luisa', familyName: 'De Luca', sex: 'F', birthDate: '1960-10-05', birthplaceCode: 'D969' }, code: 'DLCMLS60R45D969S' },
  // 9. Short foreign names, born in China: Wei Li, F, 1990-06-01, Z210.
  //    LI → L + I + X → LIX. WEI → W + E, I → WEI (W is a consonant). 90, June H, 01+40 = 41, Z210.
  //    L4 I8 X25 W22 E9 I8 9:21 0:0 H17 4:4 1:0 Z25 2:5 1:1 0:1 = 150; 150 mod 26 = 20 → U.
  { person: { givenName: 'Wei', familyName: 'Li', sex: 'F', birthDate: '1990-06-01', birthplaceCode: 'Z210' }, code: 'LIXWEI90H41Z210U' },
  // 10. A woman born on the last day of the year, abroad: Anna Esposito, F, 2005-12-31, USA Z404.
  //    ESPOSITO → SPS. ANNA → NN + A → NNA. 05, December T, 31+40 = 71, Z404.
  //    S12 P15 S12 N13 N20 A0 0:1 5:5 T14 7:7 1:0 Z25 4:9 0:0 4:9 = 142; 142 mod 26 = 12 → M.
  { person: { givenName: 'Anna', familyName: 'Esposito', sex: 'F', birthDate: '2005-12-31', birthplaceCode: 'Z404' }, code: 'SPSNNA05T71Z404M' },
  // 11. Exactly three consonants in the name (no 1st-3rd-4th rule): Carla Verdi, F, 1970-04-12, Bologna A944.
  //    VERDI → VRD. CARLA → C R L → CRL. 70, April D, 12+40 = 52, A944.
  //    V10 R17 D7 C2 R8 L11 7:17 0:0 D7 5:5 2:5 A0 9:21 4:4 4:9 = 123; 123 mod 26 = 19 → T.
  { person: { givenName: 'Carla', familyName: 'Verdi', sex: 'F', birthDate: '1970-04-12', birthplaceCode: 'A944' }, code: 'VRDCRL70D52A944T' },
];

// Omocodia of vector 1, substituting from the rightmost numeric position; the check character is updated from the
// previous sum (98) by removing the old value and adding the new one:
//   level 1: pos 15 '1'→M (odd 0→18):   98+18 = 116, mod 26 = 12 → M
//   level 2: pos 14 '0'→L (even 0→11):  127, mod 26 = 23 → X
//   level 3: pos 13 '5'→R (odd 13→8):   122, mod 26 = 18 → S
//   level 4: pos 11 '1'→M (odd 0→18):   140, mod 26 = 10 → K
//   level 5: pos 10 '0'→L (even 0→11):  151, mod 26 = 21 → V
//   level 6: pos 8  '0'→L (even 0→11):  162, mod 26 = 6  → G
//   level 7: pos 7  '8'→U (odd 19→16):  159, mod 26 = 3  → D
const ROSSI_OMOCODES = [
  'RSSMRA80A01H501U',
  'RSSMRA80A01H50MM',
  'RSSMRA80A01H5LMX',
  'RSSMRA80A01HRLMS',
  'RSSMRA80A0MHRLMK',
  'RSSMRA80ALMHRLMV',
  'RSSMRA8LALMHRLMG',
  'RSSMRAULALMHRLMD',
];

function libraryCompute(p: TaxCodePerson, normalise: boolean): string {
  const [year, month, day] = p.birthDate.split('-').map(Number) as [number, number, number];
  const name = normalise ? refLetters(p.givenName) : p.givenName;
  const surname = normalise ? refLetters(p.familyName) : p.familyName;
  // With a 4-character upper-case "birthplace" the library looks the Belfiore code up in its own list.
  return CodiceFiscale.compute({ name, surname, gender: p.sex, day, month, year, birthplace: p.birthplaceCode });
}

describe('hand-worked vectors', () => {
  it.each(VECTORS)('$code: the independent implementation reproduces the hand computation', ({ person, code }) => {
    expect(refCode(person)).toBe(code);
  });

  it.each(VECTORS)('$code: computeTaxCode (module) gives the vector', ({ person, code }) => {
    expect(computeTaxCode(person)).toBe(code);
  });

  it.each(VECTORS)('$code: the library gives the vector (names normalised where it needs them)', ({ person, code, libraryNeedsNormalisedNames }) => {
    expect(libraryCompute(person, true)).toBe(code);
    if (libraryNeedsNormalisedNames) expect(libraryCompute(person, false)).not.toBe(code);
    else expect(libraryCompute(person, false)).toBe(code);
    expect(CodiceFiscale.check(code)).toBe(true);
    expect(CodiceFiscale.getCheckCode(code.slice(0, 15))).toBe(code[15]);
  });

  it.each(VECTORS)('$code: parses valid and decodes to the declared date, sex and place', ({ person, code }) => {
    expect(parseTaxCode(code)).toEqual({ valid: true, kind: 'personal', code, isOmocode: false });
    const decoded = decodeTaxCode(code, { referenceDate: '2025-12-31' });
    expect(decoded.birthDate).toBe(person.birthDate);
    expect(decoded.sex).toBe(person.sex);
    expect(decoded.birthplaceCode).toBe(person.birthplaceCode);
    expect(decoded.surnameCode).toBe(refSurname(person.familyName));
    expect(decoded.nameCode).toBe(refName(person.givenName));
    expect(decoded.baseForm).toBe(code);
    expect(decoded.isOmocode).toBe(false);
  });
});

describe('omocodia vectors', () => {
  it('levels 0..7 of Mario Rossi match the hand computation, the reference and the module', () => {
    ROSSI_OMOCODES.forEach((expected, level) => {
      expect(refOmocode(ROSSI_OMOCODES[0]!, REF_NUMERIC.slice(7 - level))).toBe(expected);
      expect(omocodeVariant('RSSMRA80A01H501U', level)).toBe(expected);
      // Starting from any variant gives the same ladder.
      expect(omocodeVariant('RSSMRAULALMHRLMD', level)).toBe(expected);
    });
  });

  it('each level decodes back to the base form, keeps H in position 12 and names the substituted positions', () => {
    const positions = [15, 14, 13, 11, 10, 8, 7];
    ROSSI_OMOCODES.forEach((code, level) => {
      const parsed = parseTaxCode(code);
      expect(parsed).toMatchObject({ valid: true, kind: 'personal', isOmocode: level > 0 });
      const decoded = decodeTaxCode(code, { referenceDate: '2025-12-31' });
      expect(decoded.baseForm).toBe('RSSMRA80A01H501U');
      expect(decoded.birthplaceCode).toBe('H501');
      expect(decoded.birthDate).toBe('1980-01-01');
      expect(decoded.substitutedPositions).toEqual(positions.slice(0, level).sort((a, b) => a - b));
      expect(CodiceFiscale.check(code)).toBe(true);
    });
  });

  it('the full 128 set of one code: module = reference = library (+ base form)', () => {
    const reference = new Set<string>();
    for (let mask = 0; mask < 128; mask++)
      reference.add(
        refOmocode(
          'RSSMRA80A01H501U',
          REF_NUMERIC.filter((_, bit) => (mask >> bit) & 1),
        ),
      );
    const mine = omocodeVariants('RSSMRA80A01H501U');
    expect(mine).toHaveLength(128);
    expect(new Set(mine)).toEqual(reference);
    const library = CodiceFiscale.getOmocodie('RSSMRA80A01H501U');
    expect(library).toHaveLength(127);
    expect(new Set([...library, 'RSSMRA80A01H501U'])).toEqual(reference);
    for (const v of mine) {
      expect(refBase(v)).toBe('RSSMRA80A01H501U');
      expect(parseTaxCode(v).valid).toBe(true);
      expect(homonymRelation(v, 'RSSMRA80A01H501U')).toBe(v === 'RSSMRA80A01H501U' ? 'same' : 'possible-homonym');
    }
  });

  it('never maps the letter in position 12 (a place code starting with L, M, … stays a letter)', () => {
    // Lamezia Terme M208: "M" is also the omocodia letter for 1, but position 12 is never a numeric position.
    const code = computeTaxCode({ givenName: 'Paolo', familyName: 'Neri', sex: 'M', birthDate: '1993-09-17', birthplaceCode: 'M208' });
    expect(code).toBe(refCode({ givenName: 'Paolo', familyName: 'Neri', sex: 'M', birthDate: '1993-09-17', birthplaceCode: 'M208' }));
    for (const v of omocodeVariants(code)) {
      expect(v[11]).toBe('M');
      expect(decodeTaxCode(v, { referenceDate: '2025-12-31' }).birthplaceCode).toBe('M208');
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property-style checks on a seeded synthetic population.
// ---------------------------------------------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = [
  'Mario',
  'Giulia',
  'Niccolò',
  'Noè',
  'Maria Luisa',
  'Gian Marco',
  'Zoë',
  'Ilaria',
  'Ugo',
  'Ada',
  'Kevin',
  'Björn',
  'Chiara',
  'Íñigo',
  'Li',
  'Ai',
];
const FAMILY = ["D'Angelo", 'De Luca', 'Fò', 'Fo', 'Rossi', 'Bianchi', 'Dell’Acqua', 'Lo Iacono', 'Müller', 'Nguyen', 'Xu', 'Oe', 'Papadopoulos', 'Esposito'];
const PLACES = ['H501', 'F205', 'F839', 'L219', 'A944', 'G702', 'D969', 'M208', 'E625', 'Z129', 'Z404', 'Z210', 'Z112', 'Z330', 'L736'];

function randomPerson(random: () => number): TaxCodePerson {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const letters = () =>
    Array.from({ length: 2 + Math.floor(random() * 9) }, () => String.fromCharCode(65 + Math.floor(random() * 26)))
      .join('')
      .toLowerCase();
  // From 1926-01-01 to 2025-12-31: within a century of the reference date, so the century resolves exactly.
  const start = Date.UTC(1926, 0, 1);
  const end = Date.UTC(2025, 11, 31);
  const birthDate = new Date(start + Math.floor(random() * ((end - start) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  return {
    givenName: random() < 0.5 ? pick(GIVEN) : letters(),
    familyName: random() < 0.5 ? pick(FAMILY) : letters(),
    sex: random() < 0.5 ? 'M' : 'F',
    birthDate,
    birthplaceCode: pick(PLACES),
  };
}

describe('property checks on 500 seeded people', () => {
  const random = mulberry32(20240603);
  const people = Array.from({ length: 500 }, () => randomPerson(random));

  it('computeTaxCode equals the independent implementation, and the library agrees on normalised names', () => {
    for (const p of people) {
      const code = computeTaxCode(p);
      expect(code, JSON.stringify(p)).toBe(refCode(p));
      expect(libraryCompute(p, true)).toBe(code);
    }
  });

  it('every code parses valid and decodes to the same date, sex, place and name codes', () => {
    for (const p of people) {
      const code = refCode(p);
      expect(parseTaxCode(code)).toEqual({ valid: true, kind: 'personal', code, isOmocode: false });
      const d = decodeTaxCode(code, { referenceDate: '2025-12-31' });
      expect([d.birthDate, d.sex, d.birthplaceCode, d.surnameCode, d.nameCode]).toEqual([
        p.birthDate,
        p.sex,
        p.birthplaceCode,
        refSurname(p.familyName),
        refName(p.givenName),
      ]);
    }
  });

  it('every omocode variant is valid, an omocode with the same base form, a possible homonym of the original and the same as itself', () => {
    // 500 × 127 variants: failures are collected and asserted once, so that the run stays fast.
    const failures: string[] = [];
    let checked = 0;
    for (const p of people) {
      const code = refCode(p);
      const variants = omocodeVariants(code);
      expect(variants[0]).toBe(code);
      expect(new Set(variants).size).toBe(128);
      for (const v of variants.slice(1)) {
        const parsed = parseTaxCode(v);
        const d = decodeTaxCode(v, { referenceDate: '2025-12-31' });
        const ok =
          parsed.valid &&
          parsed.kind === 'personal' &&
          parsed.isOmocode &&
          refCheck(v.slice(0, 15)) === v[15] &&
          refBase(v) === code &&
          d.isOmocode &&
          d.baseForm === code &&
          d.birthDate === p.birthDate &&
          d.sex === p.sex &&
          d.birthplaceCode === p.birthplaceCode &&
          sameBaseForm(v, code) &&
          homonymRelation(v, code) === 'possible-homonym' &&
          homonymRelation(code, v) === 'possible-homonym' &&
          homonymRelation(v, v) === 'same';
        if (!ok) failures.push(`${code} → ${v}`);
        checked++;
      }
      for (let level = 0; level <= 7; level++) {
        expect(omocodeVariant(code, level)).toBe(refOmocode(code, REF_NUMERIC.slice(7 - level)));
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(500 * 127);
  });

  it('codes of different people are unrelated unless their base forms coincide', () => {
    for (let i = 1; i < people.length; i++) {
      const a = refCode(people[i - 1]!);
      const b = refCode(people[i]!);
      expect(homonymRelation(a, b)).toBe(a === b ? 'same' : 'unrelated');
    }
  });
});
