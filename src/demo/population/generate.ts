/**
 * Seeded, deterministic synthetic population for demos, tests and benchmarks: people (valid, unique tax codes),
 * professional profiles and UNILAV employment notices with realistic careers. Pure: the same reference data, seed and
 * options give the same items in the same order. Streaming: one person at a time (a generator), memory bounded by a
 * Bloom filter of a few bits per tax code (uniqueness) — never a list of the population.
 *
 * Every person draws from their own seeded stream (seed × index), employers from theirs (seed × employer number), so
 * the notices of a person do not depend on anyone else's draws except through the notice budget.
 */
import { CONTRACT_TYPES, DIGCOMP_AREA_CODES, EDUCATION_TITLE_BY_CODE, taxCode } from '../../modules/people/index.ts';
import type {
  DeclarationChannel,
  DeclarationRecord,
  EducationRecord,
  ExperienceRecord,
  LanguageRecord,
  NoticeRow,
  PersonRecord,
  ProfileRecord,
} from './formats.ts';
import { BloomFilter, cumulative, mixSeed, Rng, WeightedTable } from './random.ts';
import { type Birthplace, dayOf, type ReferenceData, type ReferenceMunicipality, type ReferenceOccupation, type ReferenceSector } from './reference.ts';
import {
  COMPANY_FORMS,
  EMPLOYER_WORDS,
  FOREIGN_COUNTRIES,
  type ForeignCountry,
  ITALIAN_CITIES_OUTSIDE_TUSCANY,
  ITALIAN_FAMILY,
  ITALIAN_FEMALE,
  ITALIAN_MALE,
  REVOCATION_REASONS,
  SECONDARY_FIELDS,
  STREETS,
  UNIVERSITIES,
  UNIVERSITY_FIELDS,
} from './vocabulary.ts';

const { computeTaxCode, omocodeVariant, provisionalCheckDigit } = taxCode;

/** Share of hires by ministerial contract type (defaults: roughly the Italian mix of new hires). */
export const DEFAULT_CONTRACT_MIX: Readonly<Record<string, number>> = {
  'A.02.00': 0.62, // fixed-term
  'A.01.00': 0.15, // open-ended
  'A.03.09': 0.06, // professionalising apprenticeship (under 30 only; older people get a fixed-term contract)
  'A.05.02': 0.12, // intermittent
  'C.01.00': 0.05, // extracurricular traineeship
};

export interface PopulationOptions {
  /** Number of registered people. */
  people: number;
  /** Number of notices (rows of notices.csv), hit exactly. */
  notices: number;
  seed: number;
  /** The data's "today": ages, last notices and declarations are before it. Default 2025-01-01. */
  referenceDate?: string;
  /** First day of the careers in the notices. Default 2019-01-01 (notices mostly 2019–2024). */
  careersFrom?: string;
  /** Share of notices that rectify an earlier one (RETTIFICA). Default 0.02. */
  rectificationShare?: number;
  /** Share of notices that cancel an earlier one (ANNULLAMENTO). Default 0.01. */
  cancellationShare?: number;
  /** Share of notices for workers who are not among the people (not registered). Default 0.02. */
  unregisteredShare?: number;
  /** Share of people born abroad (Z… birthplace). Default 0.12. */
  foreignBornShare?: number;
  /** Share of people who share name, birth date and birthplace with the previous person (their code is an omocode). Default 0.002. */
  omocodeShare?: number;
  /** Share of people with at least one availability declaration. Default 0.75. */
  declarationShare?: number;
  /** Share of people with a professional profile. Default 0.8. */
  profileShare?: number;
  /** Share of hires whose notice carries no pay. Default 0.1. */
  noPayShare?: number;
  /** Share of people who declare their annual income. Default 0.12. */
  declaredIncomeShare?: number;
  /** Hires by contract type (weights). Default DEFAULT_CONTRACT_MIX. */
  contractMix?: Readonly<Record<string, number>>;
}

export type ResolvedOptions = Required<PopulationOptions>;

export function resolveOptions(options: PopulationOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    referenceDate: '2025-01-01',
    careersFrom: '2019-01-01',
    rectificationShare: 0.02,
    cancellationShare: 0.01,
    unregisteredShare: 0.02,
    foreignBornShare: 0.12,
    omocodeShare: 0.002,
    declarationShare: 0.75,
    profileShare: 0.8,
    noPayShare: 0.1,
    declaredIncomeShare: 0.12,
    contractMix: DEFAULT_CONTRACT_MIX,
    ...options,
  };
  if (!Number.isInteger(o.people) || o.people < 0) throw new Error(`Numero di persone non valido: ${o.people}`);
  if (!Number.isInteger(o.notices) || o.notices < 0) throw new Error(`Numero di comunicazioni non valido: ${o.notices}`);
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) throw new Error(`Seme non valido: ${o.seed} (intero ≥ 0)`);
  const shares = o.rectificationShare + o.cancellationShare + o.unregisteredShare;
  if (shares > 0.5) throw new Error('Rettifiche, annullamenti e non registrati insieme non possono superare metà delle comunicazioni');
  return o;
}

export type PopulationItem =
  | { kind: 'person'; index: number; person: PersonRecord; profile: ProfileRecord | null; notices: NoticeRow[] }
  | { kind: 'unregistered'; notices: NoticeRow[] };

const DAY_MS = 86_400_000;
export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

interface Identity {
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  birthDay: number;
  birthplace: string;
  citizenship: string;
  motherTongue: string;
  foreign: boolean;
}

interface Employer {
  taxCode: string;
  name: string;
  sector: ReferenceSector;
  istatCode: string;
}

interface Job {
  employer: Employer;
  occupation: ReferenceOccupation;
  contract: string;
  startDay: number;
  /** Last day worked, or null while the job is still running at the reference date. */
  endDay: number | null;
}

/** Rough gross annual full-time pay (€) by CP2011 major group. */
const PAY_BY_GROUP: Readonly<Record<string, number>> = {
  '1': 48000,
  '2': 34000,
  '3': 28000,
  '4': 23500,
  '5': 19500,
  '6': 23000,
  '7': 22000,
  '8': 17500,
  '9': 30000,
};
/** Share of hires by CP2011 major group (group 9, armed forces, is not hired through UNILAV). */
const HIRES_BY_GROUP: Readonly<Record<string, number>> = { '1': 0.5, '2': 7, '3': 12, '4': 11, '5': 27, '6': 14, '7': 9, '8': 19.5 };
/** Share of employers by ATECO section. */
const EMPLOYERS_BY_SECTION: Readonly<Record<string, number>> = {
  A: 5,
  B: 0.2,
  C: 18,
  D: 0.5,
  E: 1,
  F: 9,
  G: 16,
  H: 5,
  I: 15,
  J: 3,
  K: 1.5,
  L: 1,
  M: 5,
  N: 8,
  O: 0.5,
  P: 3,
  Q: 6,
  R: 1.5,
  S: 2,
  T: 0.5,
};

/** Education titles (codes of src/modules/people/profile/reference.ts), weight among job seekers, usual age at completion. */
const EDUCATION_MIX: readonly (readonly [string, number, number])[] = [
  ['none', 1, 0],
  ['primary', 2, 11],
  ['lower-secondary', 27, 14],
  ['iefp-qualification', 7, 17],
  ['iefp-diploma', 2, 18],
  ['upper-secondary', 34, 19],
  ['ifts', 1, 20],
  ['its', 1.5, 21],
  ['bachelor', 10, 22],
  ['afam-1', 0.5, 22],
  ['master-degree', 8, 24],
  ['single-cycle-degree', 2, 25],
  ['old-degree', 1, 25],
  ['university-master-1', 1, 26],
  ['phd', 1, 29],
];
const EDUCATION_AGE = new Map(EDUCATION_MIX.map(([code, , age]) => [code, age]));
const CONTRACT_CODES = new Set(CONTRACT_TYPES.map((c) => c.code));

const CHANNELS = new WeightedTable<DeclarationChannel>([
  ['national-portal', 55],
  ['job-centre', 30],
  ['inps-benefit', 15],
]);

/** The population generator: call `items()` once and iterate. */
export class PopulationGenerator {
  readonly options: ResolvedOptions;
  private readonly ref: ReferenceData;
  private readonly refDay: number;
  private readonly fromDay: number;
  private readonly seen: BloomFilter;
  private readonly municipalityCum: number[];
  private readonly tuscanBirthplaces: ReferenceMunicipality[];
  private readonly tuscanBirthCum: number[];
  private readonly otherCities: Birthplace[];
  private readonly foreign: WeightedTable<ForeignCountry>;
  private readonly occupationsByGroup: WeightedTable<ReferenceOccupation[]>;
  private readonly sectorsBySection: WeightedTable<ReferenceSector[]>;
  private readonly contracts: WeightedTable<string>;
  private readonly education: WeightedTable<string>;
  private readonly employerCount: number;
  private readonly seedTag: string;
  private sequence = 0;
  private previous: Identity | null = null;

  constructor(ref: ReferenceData, options: PopulationOptions) {
    this.options = resolveOptions(options);
    this.ref = ref;
    if (ref.municipalities.length === 0) throw new Error('Nessun comune con Centro per l’Impiego competente nei dati di riferimento');
    if (ref.occupations.length === 0 || ref.sectors.length === 0) throw new Error('Classificazioni CP2011/ATECO assenti nei dati di riferimento');
    this.refDay = dayOf(this.options.referenceDate);
    this.fromDay = dayOf(this.options.careersFrom);
    if (!(this.fromDay < this.refDay)) throw new Error('careersFrom deve precedere referenceDate');
    const o = this.options;
    this.seen = new BloomFilter(o.people + Math.ceil(o.notices * o.unregisteredShare) + 1000);
    this.municipalityCum = cumulative(ref.municipalities.map((m) => m.weight));
    this.tuscanBirthplaces = ref.municipalities.filter((m) => ref.birthplaces.has(m.belfioreCode));
    this.tuscanBirthCum = cumulative(this.tuscanBirthplaces.map((m) => m.weight));
    this.otherCities = ITALIAN_CITIES_OUTSIDE_TUSCANY.map((c) => ref.birthplaces.get(c)).filter((b): b is Birthplace => b !== undefined);
    this.foreign = new WeightedTable(FOREIGN_COUNTRIES.filter((c) => ref.birthplaces.has(c.belfiore)).map((c) => [c, c.weight] as const));
    const groups = new Map<string, ReferenceOccupation[]>();
    for (const occ of ref.occupations) {
      const g = occ.code.slice(0, 1);
      if (!(g in HIRES_BY_GROUP)) continue;
      (groups.get(g) ?? groups.set(g, []).get(g)!).push(occ);
    }
    if (groups.size === 0) for (const occ of ref.occupations) (groups.get('*') ?? groups.set('*', []).get('*')!).push(occ);
    this.occupationsByGroup = new WeightedTable([...groups].map(([g, list]) => [list, HIRES_BY_GROUP[g] ?? 1] as const));
    const sections = new Map<string, ReferenceSector[]>();
    for (const s of ref.sectors) (sections.get(s.section) ?? sections.set(s.section, []).get(s.section)!).push(s);
    this.sectorsBySection = new WeightedTable([...sections].map(([sec, list]) => [list, EMPLOYERS_BY_SECTION[sec] ?? 0.5] as const));
    const mix = Object.entries(o.contractMix);
    for (const [code] of mix)
      if (!CONTRACT_CODES.has(code) && !/^[A-Z]\.\d{2}\.\d{2}$/.test(code)) throw new Error(`Tipologia contrattuale sconosciuta: ${code}`);
    this.contracts = new WeightedTable(mix);
    this.education = new WeightedTable(EDUCATION_MIX.map(([code, w]) => [code, w] as const));
    this.employerCount = Math.max(20, Math.round(o.people / 12));
    this.seedTag = String(o.seed % 10000).padStart(4, '0');
  }

  /** All items in order: each registered person with their profile and notices, interleaved with unregistered workers' notices. */
  *items(): Generator<PopulationItem> {
    const o = this.options;
    const nRect = Math.round(o.notices * o.rectificationShare);
    const nCancel = Math.round(o.notices * o.cancellationShare);
    const nUnreg = Math.round(o.notices * o.unregisteredShare);
    const careerTarget = o.notices - nRect - nCancel - nUnreg;
    const budgetRng = new Rng(mixSeed(o.seed, 0xb0d6e7));
    let careerEmitted = 0;
    let rectEmitted = 0;
    let cancelEmitted = 0;
    let unregEmitted = 0;
    let unregIndex = 0;
    let emitted = 0;

    for (let i = 0; i < o.people; i++) {
      const remainingPeople = o.people - i;
      const mean = Math.max(0, careerTarget - careerEmitted) / remainingPeople;
      let budget = 0;
      if (remainingPeople === 1) budget = careerTarget - careerEmitted;
      // 15 % of people have no notice in the period; the others a budget spread around the mean still to place
      // (the mean adapts: a career that could not spend its budget raises the next ones).
      else if (mean > 0 && !budgetRng.chance(0.15))
        budget = Math.min(careerTarget - careerEmitted, Math.max(1, Math.round((mean / 0.85) * (0.25 + 1.5 * budgetRng.float()))));
      const rng = new Rng(mixSeed(o.seed, i));
      const identity = this.identity(rng);
      const code = this.uniqueCode(identity);
      const jobs: Job[] = [];
      const notices = this.career(rng, identity, code, budget, jobs);
      careerEmitted += notices.length;
      // Rectifications and cancellations of this person's own notices, spread in proportion to the notices so far.
      const originals = notices.slice();
      const rectTarget = careerTarget > 0 ? Math.floor((nRect * careerEmitted) / careerTarget) : 0;
      // Each original is rectified or cancelled at most once (a second correction of the same notice is refused).
      while (rectEmitted < rectTarget && originals.length > 0) {
        const [original] = originals.splice(rng.int(0, originals.length - 1), 1);
        notices.push(this.rectification(rng, original!));
        rectEmitted++;
      }
      const cancelTarget = careerTarget > 0 ? Math.floor((nCancel * careerEmitted) / careerTarget) : 0;
      if (cancelEmitted < cancelTarget && originals.length > 0) {
        notices.push(this.cancellation(rng, originals.pop()!));
        cancelEmitted++;
      }
      const person = this.person(rng, identity, code, jobs);
      const profile = rng.chance(o.profileShare) ? this.profile(rng, identity, code, jobs) : null;
      emitted += notices.length;
      yield { kind: 'person', index: i, person, profile, notices };
      const unregTarget = Math.floor((nUnreg * (i + 1)) / o.people);
      while (unregEmitted < unregTarget) {
        const rows = this.unregisteredWorker(unregIndex++, Math.min(unregTarget - unregEmitted, 4));
        unregEmitted += rows.length;
        emitted += rows.length;
        yield { kind: 'unregistered', notices: rows };
      }
    }
    // Whatever the careers could not place (time windows are finite) goes to more unregistered workers: the total is exact.
    while (emitted < o.notices) {
      const rows = this.unregisteredWorker(unregIndex++, Math.min(o.notices - emitted, 4));
      emitted += rows.length;
      yield { kind: 'unregistered', notices: rows };
    }
  }

  // ——— people ———

  private identity(rng: Rng): Identity {
    const o = this.options;
    if (this.previous && rng.chance(o.omocodeShare)) return this.previous; // same name, birth date and place: an omocode
    const sex = rng.chance(0.5) ? 'M' : 'F';
    // Ages 16–67 at the reference date, more people in the middle years.
    const u = rng.chance(0.5) ? rng.float() : (rng.float() + rng.float() + rng.float()) / 3;
    const ageDays = Math.floor((16 + u * 52) * 365.2425);
    const birthDay = this.refDay - Math.min(Math.max(ageDays, Math.ceil(16 * 365.2425) + 1), Math.floor(67.99 * 365.2425));
    let id: Identity;
    if (rng.chance(o.foreignBornShare)) {
      const c = this.foreign.draw(rng);
      id = {
        sex,
        givenName: rng.pick(sex === 'M' ? c.male : c.female),
        familyName: rng.pick(c.family),
        birthDay,
        birthplace: c.belfiore,
        citizenship: rng.chance(0.25) ? 'IT' : c.iso,
        motherTongue: c.language,
        foreign: true,
      };
    } else {
      id = {
        sex,
        givenName: rng.pick(sex === 'M' ? ITALIAN_MALE : ITALIAN_FEMALE),
        familyName: rng.pick(ITALIAN_FAMILY),
        birthDay,
        birthplace: this.italianBirthplace(rng, birthDay),
        citizenship: 'IT',
        motherTongue: 'it',
        foreign: false,
      };
    }
    this.previous = id;
    return id;
  }

  /** A Tuscan municipality (weighted) or another Italian city whose Belfiore code existed on the birth day. */
  private italianBirthplace(rng: Rng, day: number): string {
    const valid = (b: Birthplace | undefined) => b !== undefined && b.fromDay <= day && day <= b.toDay;
    for (let attempt = 0; attempt < 8; attempt++) {
      if (this.otherCities.length > 0 && rng.chance(0.22)) {
        const city = rng.pick(this.otherCities);
        if (valid(city)) return city.code;
      } else if (this.tuscanBirthplaces.length > 0) {
        const m = this.tuscanBirthplaces[rng.weightedIndex(this.tuscanBirthCum)]!;
        if (valid(this.ref.birthplaces.get(m.belfioreCode))) return m.belfioreCode;
      }
    }
    const fallback = [...this.otherCities, ...this.ref.birthplaces.values()].find(valid);
    if (!fallback) throw new Error(`Nessun luogo di nascita valido al ${isoOf(day)}`);
    return fallback.code;
  }

  /** The base-form code, or — when it (probably) belongs to someone already generated — the first free omocode. */
  private uniqueCode(id: Identity): string {
    const base = computeTaxCode({
      givenName: id.givenName,
      familyName: id.familyName,
      sex: id.sex,
      birthDate: isoOf(id.birthDay),
      birthplaceCode: id.birthplace,
    });
    let code = base;
    for (let level = 1; this.seen.has(code); level++) {
      if (level > 7) throw new Error(`Codici fiscali esauriti per ${base}`);
      code = omocodeVariant(base, level);
    }
    this.seen.add(code);
    return code;
  }

  private municipality(rng: Rng): ReferenceMunicipality {
    return this.ref.municipalities[rng.weightedIndex(this.municipalityCum)]!;
  }

  private address(rng: Rng): string {
    return `${rng.pick(STREETS)} ${rng.int(1, 180)}`;
  }

  private person(rng: Rng, id: Identity, code: string, jobs: Job[]): PersonRecord {
    const o = this.options;
    const residence = this.municipality(rng);
    let domicile: ReferenceMunicipality | null = null;
    if (rng.chance(0.07)) {
      const other = this.municipality(rng);
      if (other.istatCode !== residence.istatCode) domicile = other;
    }
    const adultDay = this.birthdayAt(id.birthDay, 16);
    const firstDay = Math.max(this.fromDay, adultDay);
    const lastDay = this.refDay - 1;
    const declarations: DeclarationRecord[] = [];
    if (firstDay <= lastDay && rng.chance(o.declarationShare)) {
      const ended = jobs.find((j) => j.endDay !== null && j.endDay < lastDay);
      let day = ended && rng.chance(0.6) ? ended.endDay! + rng.int(1, 60) : rng.int(firstDay, lastDay);
      day = Math.min(day, lastDay);
      const first: DeclarationRecord = { declaredOn: isoOf(day), channel: CHANNELS.draw(rng) };
      if (rng.chance(0.03)) first.atRiskUntil = isoOf(day + rng.int(15, 90));
      declarations.push(first);
      if (rng.chance(0.06)) {
        const revoked = day + rng.int(30, 700);
        if (revoked <= lastDay) {
          first.revokedOn = isoOf(revoked);
          first.revocationReason = rng.pick(REVOCATION_REASONS);
          const again = revoked + rng.int(30, 400);
          if (rng.chance(0.5) && again <= lastDay) declarations.push({ declaredOn: isoOf(again), channel: CHANNELS.draw(rng) });
        }
      }
    }
    const privacyDay = declarations[0] ? dayOf(declarations[0].declaredOn) : rng.int(Math.min(firstDay, lastDay), lastDay);
    const ascii = (s: string) => taxCode.normaliseNameForTaxCode(s).toLowerCase();
    const income = rng.chance(o.declaredIncomeShare);
    return {
      taxCode: code,
      familyName: id.familyName,
      givenName: id.givenName,
      sex: id.sex,
      birthDate: isoOf(id.birthDay),
      birthplaceCode: id.birthplace,
      citizenship: id.citizenship,
      residenceIstatCode: residence.istatCode,
      residenceAddress: this.address(rng),
      domicileIstatCode: domicile?.istatCode ?? null,
      domicileAddress: domicile ? this.address(rng) : null,
      email: rng.chance(0.8) ? `${ascii(id.givenName)}.${ascii(id.familyName)}${rng.int(1, 99)}@esempio.it` : null,
      phone: rng.chance(0.85) ? `3${String(rng.int(0, 999_999_999)).padStart(9, '0')}` : null,
      privacyNoticeOn: isoOf(privacyDay),
      declaredAnnualIncome: income ? rng.int(800, 14_000) : null,
      declaredIncomeYear: income ? rng.int(Number(this.options.careersFrom.slice(0, 4)), Number(this.options.referenceDate.slice(0, 4)) - 1) : null,
      declarations,
    };
  }

  private birthdayAt(birthDay: number, age: number): number {
    const d = new Date(birthDay * DAY_MS);
    return Math.round(Date.UTC(d.getUTCFullYear() + age, d.getUTCMonth(), Math.min(d.getUTCDate(), 28)) / DAY_MS);
  }

  // ——— employers and careers ———

  private employer(rng: Rng): Employer {
    const j = Math.floor(this.employerCount * rng.float() ** 2.2);
    const r = new Rng(mixSeed(this.options.seed, 0xe3b1, j));
    const sectors = this.sectorsBySection.draw(r);
    const sector = r.pick(sectors);
    const place = this.municipality(r);
    const words = EMPLOYER_WORDS[sector.section] ?? EMPLOYER_WORDS['*']!;
    const name = `${r.pick(words)} ${r.pick(ITALIAN_FAMILY)}${r.chance(0.3) ? ` & ${r.pick(ITALIAN_FAMILY)}` : ''} ${r.pick(COMPANY_FORMS)}`;
    // Partita IVA: 7-digit serial (unique per employer), 3-digit office code (the province's ISTAT code), check digit.
    const serial = 1_000_000 + ((j * 7919 + (this.options.seed % 9_000_000)) % 9_000_000); // a bijection of j
    const first10 = String(serial) + place.istatCode.slice(0, 3);
    return { taxCode: first10 + provisionalCheckDigit(first10), name, sector, istatCode: place.istatCode };
  }

  private nextCode(sentDay: number): string {
    const yy = isoOf(sentDay).slice(2, 4);
    return `09${yy}${this.seedTag}${String(this.sequence++).padStart(10, '0')}`;
  }

  private workerColumns(id: Identity, code: string): NoticeRow {
    return {
      cf_lavoratore: code,
      cognome_lavoratore: id.familyName,
      nome_lavoratore: id.givenName,
      sesso: id.sex,
      data_nascita: isoOf(id.birthDay),
      comune_nascita: id.birthplace,
      cittadinanza: id.citizenship,
    };
  }

  private pay(rng: Rng, occupation: ReferenceOccupation, contract: string, hours: number): number {
    if (contract === 'C.01.00') return rng.pick([6000, 6000, 7200, 8400]);
    if (contract === 'A.05.02') return rng.int(1500, 9000);
    let pay = (PAY_BY_GROUP[occupation.code.slice(0, 1)] ?? 21000) * (0.85 + rng.float() * 0.4) * (hours / 40);
    if (contract.startsWith('A.03')) pay *= 0.8;
    return Math.round(pay * 100) / 100;
  }

  /** Jobs from `careersFrom` to the reference date, at most `budget` notices, in chronological order per job. */
  private career(rng: Rng, id: Identity, code: string, budget: number, jobs: Job[]): NoticeRow[] {
    const out: NoticeRow[] = [];
    if (budget <= 0) return out;
    const o = this.options;
    const worker = this.workerColumns(id, code);
    let cursor = Math.max(this.fromDay, this.birthdayAt(id.birthDay, 16)) + rng.int(0, 240);
    const ageAt = (day: number) => (day - id.birthDay) / 365.2425;
    const emit = (sentDay: number, row: NoticeRow) => {
      const r: NoticeRow = { codice_comunicazione: this.nextCode(sentDay), tipo_comunicazione: 'INVIO', data_invio: isoOf(sentDay), ...row };
      out.push(r);
      budget--;
      return r;
    };
    while (budget > 0 && cursor < this.refDay - 1) {
      let contract = this.contracts.draw(rng);
      if (contract.startsWith('A.03') && ageAt(cursor) >= 30) contract = 'A.02.00';
      const employer = this.employer(rng);
      const occupation = rng.pick(this.occupationsByGroup.draw(rng));
      const start = cursor;
      const partTime = contract === 'A.05.02' || rng.chance(0.3);
      const hours = contract === 'A.05.02' ? 0 : partTime ? rng.int(12, 30) : rng.pick([40, 40, 40, 38, 36]);
      const fixedEnd = contract === 'A.02.00' || contract === 'C.01.00' || (contract === 'A.05.02' && rng.chance(0.6));
      let plannedEnd: number | null = null;
      if (fixedEnd) plannedEnd = start + (contract === 'C.01.00' ? rng.int(90, 364) : rng.chance(0.5) ? rng.int(14, 120) : rng.int(120, 365));
      const base: NoticeRow = {
        cf_datore: employer.taxCode,
        denominazione_datore: employer.name,
        ateco_datore: employer.sector.code,
        comune_sede_lavoro: employer.istatCode,
        ...worker,
        data_inizio: isoOf(start),
        tipologia_contrattuale: contract,
        qualifica_istat: occupation.code,
        tipo_orario: partTime ? 'P' : 'F',
        ore_settimanali_medie: hours > 0 ? String(hours) : '',
      };
      const payOf = () => this.pay(rng, occupation, contract, hours || 20).toFixed(2);
      emit(Math.max(this.fromDay - 3, start - rng.int(0, 3)), {
        ...base,
        tipo_evento: 'AVV',
        data_fine: plannedEnd === null ? '' : isoOf(plannedEnd),
        retribuzione_annua_lorda: rng.chance(o.noPayShare) ? '' : payOf(),
      });
      let end: number | null = plannedEnd; // last day, null = open-ended
      // The last day something was communicated for this job: a termination comes after it.
      let lastEvent = start;
      let openEnded = plannedEnd === null;
      let ended = false;
      // Fixed-term: conversion to open-ended, or one or two extensions; sometimes an early termination.
      if (!openEnded && end !== null && contract !== 'A.05.02' && budget > 0 && contract === 'A.02.00' && rng.chance(0.12)) {
        const day = start + rng.int(Math.min(30, end - start), end - start);
        const sent = day + rng.int(0, 5);
        if (sent < this.refDay) {
          emit(sent, {
            ...base,
            tipo_evento: 'TRA',
            tipologia_contrattuale: 'A.01.00',
            data_trasformazione: isoOf(day),
            codice_trasformazione: 'DI',
            ...(rng.chance(0.8) ? { retribuzione_annua_lorda: payOf() } : {}),
          });
          openEnded = true;
          end = null;
          lastEvent = day;
          base.tipologia_contrattuale = 'A.01.00';
        }
      }
      for (let n = 0; !openEnded && end !== null && n < 2 && budget > 0 && rng.chance(budget > 2 ? 0.45 : 0.3); n++) {
        const sent = Math.max(lastEvent, end - rng.int(0, 5));
        if (sent >= this.refDay) break;
        lastEvent = end;
        const newEnd = end + rng.int(30, contract === 'C.01.00' ? 90 : 240);
        emit(sent, {
          ...base,
          tipo_evento: 'PRO',
          data_fine: isoOf(end),
          data_proroga: isoOf(newEnd),
          ...(rng.chance(0.6) ? { retribuzione_annua_lorda: payOf() } : {}),
        });
        end = newEnd;
      }
      // Part-time open-ended → full-time, now and then.
      if (openEnded && partTime && contract !== 'A.05.02' && budget > 0 && rng.chance(0.05)) {
        const day = lastEvent + rng.int(60, 700);
        lastEvent = day;
        if (day + 5 < this.refDay)
          emit(day + rng.int(0, 5), {
            ...base,
            tipo_evento: 'TRA',
            tipologia_contrattuale: contract,
            data_trasformazione: isoOf(day),
            codice_trasformazione: 'PF',
            tipo_orario: 'F',
            ore_settimanali_medie: '40',
          });
      }
      if (budget > 0) {
        let stop: number | null = null;
        // Open-ended jobs end now and then (more often when the person still has notices to spend); fixed-term ones
        // end at their planned date without a notice, or early with a termination.
        if (openEnded && rng.chance(budget > 1 ? 0.85 : 0.4)) stop = lastEvent + rng.int(30, 1200);
        else if (!openEnded && end !== null && end - lastEvent > 2 && rng.chance(0.15)) stop = lastEvent + rng.int(1, end - lastEvent - 1);
        if (stop !== null) {
          const sent = stop + rng.int(0, 5);
          if (sent < this.refDay) {
            emit(sent, { ...base, tipo_evento: 'CES', data_fine: end === null ? '' : isoOf(end), data_cessazione: isoOf(stop) });
            end = stop;
            ended = true;
          }
        }
      }
      const last = openEnded && !ended ? null : end;
      jobs.push({ employer, occupation, contract, startDay: start, endDay: last !== null && last >= this.refDay ? null : last });
      if (last === null) break; // still employed, open-ended: the career in the file stops here
      cursor = last + 1 + (rng.chance(0.2) ? rng.int(0, 7) : rng.int(7, 300));
    }
    return out;
  }

  private rectification(rng: Rng, original: NoticeRow): NoticeRow {
    const sent = dayOf(original.data_invio!) + rng.int(1, 10);
    const fixed: NoticeRow = {
      ...original,
      codice_comunicazione: this.nextCode(sent),
      codice_comunicazione_precedente: original.codice_comunicazione!,
      tipo_comunicazione: 'RETTIFICA',
      data_invio: isoOf(sent),
    };
    const pay = Number(original.retribuzione_annua_lorda || 0);
    if (original.tipo_evento !== 'CES' && (pay === 0 || rng.chance(0.6)))
      fixed.retribuzione_annua_lorda = (pay > 0 ? pay * (0.9 + rng.float() * 0.2) : rng.int(6000, 26000)).toFixed(2);
    else if (original.tipo_evento === 'CES')
      fixed.data_cessazione = isoOf(Math.max(dayOf(original.data_inizio!), dayOf(original.data_cessazione!) - rng.int(1, 5)));
    else fixed.ore_settimanali_medie = String(rng.int(12, 40));
    return fixed;
  }

  private cancellation(rng: Rng, original: NoticeRow): NoticeRow {
    const sent = dayOf(original.data_invio!) + rng.int(0, 5);
    return {
      ...original,
      codice_comunicazione: this.nextCode(sent),
      codice_comunicazione_precedente: original.codice_comunicazione!,
      tipo_comunicazione: 'ANNULLAMENTO',
      data_invio: isoOf(sent),
    };
  }

  /** Notices of a worker who is not among the people (their tax code is unique against everyone generated). */
  private unregisteredWorker(index: number, budget: number): NoticeRow[] {
    const rng = new Rng(mixSeed(this.options.seed, 0x77aa, index));
    const previous = this.previous;
    this.previous = null;
    const identity = this.identity(rng);
    this.previous = previous;
    const code = this.uniqueCode(identity);
    const rows = this.career(rng, identity, code, budget, []);
    if (rows.length > 0) return rows;
    // A career that found no room before the reference date still sends one hire.
    const day = this.refDay - rng.int(1, 30);
    const employer = this.employer(rng);
    return [
      {
        codice_comunicazione: this.nextCode(day),
        tipo_comunicazione: 'INVIO',
        tipo_evento: 'AVV',
        data_invio: isoOf(day),
        cf_datore: employer.taxCode,
        denominazione_datore: employer.name,
        ateco_datore: employer.sector.code,
        comune_sede_lavoro: employer.istatCode,
        ...this.workerColumns(identity, code),
        data_inizio: isoOf(day + 1),
        tipologia_contrattuale: 'A.02.00',
        data_fine: isoOf(day + 60),
        qualifica_istat: rng.pick(this.occupationsByGroup.draw(rng)).code,
        tipo_orario: 'F',
        ore_settimanali_medie: '40',
      },
    ];
  }

  // ——— profiles ———

  private profile(rng: Rng, id: Identity, code: string, jobs: Job[]): ProfileRecord {
    const birthYear = new Date(id.birthDay * DAY_MS).getUTCFullYear();
    const refYear = Number(this.options.referenceDate.slice(0, 4));
    const age = refYear - birthYear;
    // Highest title that the person could have completed by now.
    let titleCode = id.foreign && rng.chance(0.3) ? 'foreign-unrecognised' : this.education.draw(rng);
    if (titleCode === 'old-degree' && birthYear >= 1978) titleCode = 'master-degree';
    while (titleCode !== 'foreign-unrecognised' && birthYear + (EDUCATION_AGE.get(titleCode) ?? 0) >= refYear) {
      const i = EDUCATION_MIX.findIndex(([c]) => c === titleCode);
      titleCode = EDUCATION_MIX[Math.max(0, i - 1)]![0];
      if (i <= 0) break;
    }
    const education: EducationRecord[] = [];
    const addTitle = (codeOf: string) => {
      const t = EDUCATION_TITLE_BY_CODE.get(codeOf);
      if (!t) return;
      const university = t.eqfLevel !== null && t.eqfLevel >= 6;
      const secondary = ['upper-secondary', 'iefp-qualification', 'iefp-diploma', 'ifts', 'its'].includes(codeOf);
      education.push({
        titleCode: t.code,
        title: t.label,
        eqfLevel: t.eqfLevel,
        iscedLevel: t.iscedLevel,
        fieldOfStudy: university ? rng.pick(UNIVERSITY_FIELDS) : secondary ? rng.pick(SECONDARY_FIELDS) : null,
        institution: university ? rng.pick(UNIVERSITIES) : secondary ? 'Istituto di istruzione superiore' : null,
        completedYear: Math.min(refYear - 1, birthYear + (EDUCATION_AGE.get(codeOf) ?? 18) + rng.int(0, 2)),
        country: id.foreign && (codeOf === 'foreign-unrecognised' || rng.chance(0.5)) ? (id.citizenship === 'IT' ? 'IT' : id.citizenship) : 'IT',
      });
    };
    if (titleCode !== 'none') addTitle(titleCode);
    const eqf = EDUCATION_TITLE_BY_CODE.get(titleCode)?.eqfLevel ?? 1;
    if (eqf >= 6 && rng.chance(0.6)) addTitle('upper-secondary');

    const experiences: ExperienceRecord[] = jobs.map((j) => ({
      employerName: j.employer.name,
      employerTaxCode: j.employer.taxCode,
      occupationCode: j.occupation.code,
      sectorCode: j.employer.sector.code,
      startedOn: isoOf(j.startDay),
      endedOn: j.endDay === null ? null : isoOf(j.endDay),
      contractType: j.contract,
      description: sentence(j.occupation.label),
    }));
    // Older jobs, before the period the notices cover.
    const earliest = this.birthdayAt(id.birthDay, 18);
    for (let n = rng.int(0, 2); n > 0 && earliest < this.fromDay - 120; n--) {
      const start = rng.int(earliest, this.fromDay - 120);
      const end = Math.min(this.fromDay - 1, start + rng.int(60, 1500));
      const employer = this.employer(rng);
      const occupation = rng.pick(this.occupationsByGroup.draw(rng));
      experiences.push({
        employerName: employer.name,
        employerTaxCode: rng.chance(0.7) ? employer.taxCode : null,
        occupationCode: occupation.code,
        sectorCode: employer.sector.code,
        startedOn: isoOf(start),
        endedOn: isoOf(end),
        contractType: rng.chance(0.7) ? rng.pick(['A.01.00', 'A.02.00', 'A.02.00']) : null,
        description: sentence(occupation.label),
      });
    }
    experiences.sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0));

    const languages: LanguageRecord[] = [{ language: id.motherTongue, motherTongue: true, level: null }];
    const cefr = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
    const levelNear = (centre: number) => cefr[Math.min(5, Math.max(0, centre + rng.int(-1, 1)))]!;
    if (id.motherTongue !== 'it') languages.push({ language: 'it', motherTongue: false, level: levelNear(2) });
    if (id.motherTongue !== 'en' && rng.chance(id.foreign ? 0.3 : 0.65))
      languages.push({ language: 'en', motherTongue: false, level: levelNear(eqf >= 6 ? 3 : 1) });
    for (const [lang, p] of [
      ['fr', 0.12],
      ['es', 0.08],
      ['de', 0.06],
    ] as const) {
      if (id.motherTongue !== lang && rng.chance(p)) languages.push({ language: lang, motherTongue: false, level: levelNear(1) });
    }

    const licences: string[] = [];
    if (age < 25 && rng.chance(0.15)) licences.push('AM');
    if (age >= 18 && rng.chance(0.7)) {
      licences.push('B');
      if (rng.chance(0.12)) licences.push('A');
      if (rng.chance(0.05)) {
        licences.push('C');
        if (rng.chance(0.5)) licences.push('CE');
        if (rng.chance(0.6)) licences.push('CQC');
      }
      if (age >= 24 && rng.chance(0.01)) licences.push('D', 'CQC');
    }
    const digitalSkills: Record<string, number> = {};
    if (rng.chance(0.7)) for (const area of DIGCOMP_AREA_CODES) digitalSkills[area] = Math.min(8, Math.max(1, Math.round(eqf / 1.5) + rng.int(-1, 2)));

    const skills = new Set<string>();
    if (this.ref.skills.length > 0) for (let n = rng.int(3, 10); n > 0; n--) skills.add(rng.pick(this.ref.skills));
    const wanted = new Set<string>();
    const lastJob = jobs[jobs.length - 1];
    if (lastJob) wanted.add(lastJob.occupation.code);
    for (let n = rng.int(1, 2); n > 0; n--) wanted.add(rng.pick(this.occupationsByGroup.draw(rng)).code);
    const contractsWanted = ['A.01.00', ...(rng.chance(0.7) ? ['A.02.00'] : []), ...(age < 30 && rng.chance(0.4) ? ['A.03.09', 'C.01.00'] : [])];
    const wt = rng.float();
    return {
      taxCode: code,
      education,
      experiences,
      languages,
      drivingLicences: [...new Set(licences)],
      digitalSkills,
      skills: [...skills].sort(),
      wantedOccupations: [...wanted].sort(),
      wantedContractTypes: contractsWanted,
      workingTime: wt < 0.6 ? ['full-time'] : wt < 0.7 ? ['part-time'] : ['full-time', 'part-time'],
      maxDistanceKm: rng.pick([10, 20, 30, 50, 50, 100]),
      ownVehicle: licences.includes('B') && rng.chance(0.85),
      availableFrom: isoOf(this.refDay + rng.int(0, 90)),
    };
  }
}

function sentence(label: string): string {
  const lower = label.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The items of a population, lazily (see PopulationGenerator). */
export function generatePopulation(ref: ReferenceData, options: PopulationOptions): Generator<PopulationItem> {
  return new PopulationGenerator(ref, options).items();
}
