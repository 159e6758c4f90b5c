import { computeTaxCode } from '../modules/people/taxCode.ts';
import { COMMON_FAMILY, ITALIAN_FEMALE, ITALIAN_MALE, STREETS } from './population/vocabulary.ts';

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same demo population. */
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

// The seed draws from the first names of the population's lists, plus a few foreign ones: its people depend on these exact lists.
const MALE = [...ITALIAN_MALE.slice(0, 12), 'Ahmed', 'Ion'];
const FEMALE = [...ITALIAN_FEMALE.slice(0, 12), 'Fatima', 'Elena'];
const SEED_STREETS = STREETS.slice(0, 10);

export interface SyntheticPerson {
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  birthDate: string;
  birthplaceCode: string;
  taxCode: string;
  address: string;
}

export function syntheticPerson(
  random: () => number,
  birthplaceCode: string,
  overrides: Partial<Pick<SyntheticPerson, 'givenName' | 'familyName' | 'sex' | 'birthDate'>> = {},
): SyntheticPerson {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sex = overrides.sex ?? (random() < 0.5 ? 'M' : 'F');
  const givenName = overrides.givenName ?? pick(sex === 'M' ? MALE : FEMALE);
  const familyName = overrides.familyName ?? pick(COMMON_FAMILY);
  const year = 1960 + Math.floor(random() * 45);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const birthDate = overrides.birthDate ?? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const taxCode = computeTaxCode({ givenName, familyName, sex, birthDate, birthplaceCode });
  return { givenName, familyName, sex, birthDate, birthplaceCode, taxCode, address: `${pick(SEED_STREETS)} ${1 + Math.floor(random() * 120)}` };
}
