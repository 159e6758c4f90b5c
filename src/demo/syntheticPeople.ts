import { computeTaxCode } from '../modules/people/taxCode.ts';

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

const MALE = ['Marco', 'Luca', 'Giuseppe', 'Francesco', 'Andrea', 'Matteo', 'Lorenzo', 'Alessandro', 'Davide', 'Simone', 'Paolo', 'Stefano', 'Ahmed', 'Ion'];
const FEMALE = ['Giulia', 'Francesca', 'Sara', 'Chiara', 'Martina', 'Elena', 'Valentina', 'Alessia', 'Federica', 'Silvia', 'Laura', 'Anna', 'Fatima', 'Elena'];
const FAMILY = [
  'Rossi',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'Mancini',
  'Costa',
  'Giordano',
  'Lombardi',
  'Moretti',
  'Barbieri',
  'Fontana',
  'Santoro',
  'Mariani',
  'Rinaldi',
  'Caruso',
  'Ferrara',
  'Galli',
  'Martini',
  'Leone',
  'Longo',
  'Gentile',
  'Martinelli',
  'Vitale',
  'Lombardo',
  'Serra',
  'Coppola',
  'De Santis',
  "D'Angelo",
  'Marchetti',
  'Parisi',
  'Villa',
  'Conte',
  'Ferraro',
  'Ferri',
  'Fabbri',
  'Bianco',
  'Marini',
  'Grasso',
  'Valentini',
  'Messina',
  'Sala',
  'De Luca',
  'Gatti',
  'Pellegrini',
  'Palumbo',
  'Sanna',
  'Farina',
  'Rizzi',
  'Monti',
  'Cattaneo',
  'Morelli',
  'Amato',
  'Silvestri',
  'Mazza',
  'Testa',
  'Grassi',
  'Pellegrino',
  'Carbone',
  'Giuliani',
  'Benedetti',
  'Barone',
  'Rossetti',
  'Caputo',
  'Montanari',
  'Guerra',
  'Palmieri',
  'Bernardi',
  'Martino',
  'Fiore',
  'De Rosa',
  'Ferretti',
  'Bellini',
  'Basile',
  'Riva',
  'Donati',
  'Piras',
  'Vitali',
  'Battaglia',
  'Sartori',
  'Neri',
  'Costantini',
  'Milani',
  'Pagano',
  'Ruggiero',
  'Sorrentino',
  "D'Amico",
  'Orlando',
  'Damico',
  'Negri',
];
const STREETS = [
  'Via Roma',
  'Via Garibaldi',
  'Via Mazzini',
  'Via Dante Alighieri',
  'Corso Italia',
  'Via Verdi',
  'Via Cavour',
  'Piazza della Repubblica',
  'Via Leopardi',
  'Viale Europa',
];

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
  const familyName = overrides.familyName ?? pick(FAMILY);
  const year = 1960 + Math.floor(random() * 45);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const birthDate = overrides.birthDate ?? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const taxCode = computeTaxCode({ givenName, familyName, sex, birthDate, birthplaceCode });
  return { givenName, familyName, sex, birthDate, birthplaceCode, taxCode, address: `${pick(STREETS)} ${1 + Math.floor(random() * 120)}` };
}
