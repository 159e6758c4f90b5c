import type { TestApp } from './testApp.ts';

/**
 * Shared tables of the route × role test (test/routeRoleMatrix.test.ts): the roles, which records each may
 * see (hand-written, never derived from the policies under test), and the shape of a route's cases.
 * Modules add their routes' cases in test/routeMatrix/<module>.ts.
 */

export const ROLES = [
  'anonymous',
  'cittadino',
  'azienda',
  'operatore.firenze',
  'responsabile.firenze',
  'operatore.pisa',
  'responsabile.pisa',
  'collocamento.mirato',
  'ente.accreditato',
  'assistente.sociale',
  'admin.arti',
  'revisore',
] as const;
export type Who = (typeof ROLES)[number];

// People seeded by the demo: A = Florence job centre, B = Pisa job centre.
export const PEOPLE_A = ['citizen', 'special', 'protected', ...evens()];
export const PEOPLE_B = ['assigned', 'shared', ...odds()];
export function evens() {
  return Array.from({ length: 12 }, (_, i) => `p${i * 2}`);
}
export function odds() {
  return Array.from({ length: 12 }, (_, i) => `p${i * 2 + 1}`);
}
export const ORDINARY_A = PEOPLE_A.filter((k) => k !== 'protected');

export interface PeopleRule {
  /** Person records the role may open. */
  visible: string[];
  /** Of those, the ones whose location (address, domicile, job centre) it may see. */
  location: string[];
  /** Of those, the ones whose special-category section it may see. */
  special: string[];
}

export const NONE: PeopleRule = { visible: [], location: [], special: [] };

/** Hand-written: who sees which person, and which sensitive sections. */
export const PEOPLE: Record<Who, PeopleRule> = {
  anonymous: NONE,
  cittadino: { visible: ['citizen'], location: ['citizen'], special: [] },
  azienda: NONE,
  'operatore.firenze': { visible: ORDINARY_A, location: ORDINARY_A, special: [] },
  'responsabile.firenze': { visible: PEOPLE_A, location: PEOPLE_A, special: [] },
  'operatore.pisa': { visible: PEOPLE_B, location: PEOPLE_B, special: [] },
  'responsabile.pisa': { visible: PEOPLE_B, location: PEOPLE_B, special: [] },
  'collocamento.mirato': { visible: [...ORDINARY_A, ...PEOPLE_B], location: [...ORDINARY_A, ...PEOPLE_B], special: ['special'] },
  'ente.accreditato': { visible: ['assigned'], location: ['assigned'], special: [] },
  'assistente.sociale': { visible: ['shared'], location: ['shared'], special: [] },
  'admin.arti': { visible: [...PEOPLE_A, ...PEOPLE_B], location: [...ORDINARY_A, ...PEOPLE_B], special: [] },
  revisore: NONE,
};

/** Hand-written: which employers (A = Florence, B = Pisa) each role may open. */
export const EMPLOYERS: Record<Who, ('A' | 'B')[]> = {
  anonymous: [],
  cittadino: [],
  azienda: ['A'],
  'operatore.firenze': ['A'],
  'responsabile.firenze': ['A'],
  'operatore.pisa': ['B'],
  'responsabile.pisa': ['B'],
  'collocamento.mirato': ['A', 'B'],
  'ente.accreditato': [],
  'assistente.sociale': [],
  'admin.arti': ['A', 'B'],
  revisore: [],
};

/** Hand-written: which job centres' staff lists and sites each role may manage. */
export const MANAGES: Record<Who, ('A' | 'B')[]> = {
  anonymous: [],
  cittadino: [],
  azienda: [],
  'operatore.firenze': [],
  'responsabile.firenze': ['A'],
  'operatore.pisa': [],
  'responsabile.pisa': ['B'],
  'collocamento.mirato': [],
  'ente.accreditato': [],
  'assistente.sociale': [],
  'admin.arti': ['A', 'B'],
  revisore: [],
};

/** Hand-written: which job centres each role may open (job centres are public to all but operators and managers, who see their own). */
export const JOB_CENTRES: Record<Who, ('A' | 'B')[]> = {
  anonymous: [],
  cittadino: ['A', 'B'],
  azienda: ['A', 'B'],
  'operatore.firenze': ['A'],
  'responsabile.firenze': ['A'],
  'operatore.pisa': ['B'],
  'responsabile.pisa': ['B'],
  'collocamento.mirato': ['A', 'B'],
  'ente.accreditato': ['A', 'B'],
  'assistente.sociale': ['A', 'B'],
  'admin.arti': ['A', 'B'],
  revisore: ['A', 'B'],
};

export const PERSON_READERS: Who[] = [
  'operatore.firenze',
  'responsabile.firenze',
  'operatore.pisa',
  'responsabile.pisa',
  'collocamento.mirato',
  'ente.accreditato',
  'assistente.sociale',
  'admin.arti',
];
export const EMPLOYER_READERS: Who[] = [
  'azienda',
  'operatore.firenze',
  'responsabile.firenze',
  'operatore.pisa',
  'responsabile.pisa',
  'collocamento.mirato',
  'admin.arti',
];
export const AUDIT_READERS: Who[] = ['revisore', 'admin.arti'];
export const DECLARATION_RECORDERS: Who[] = ['operatore.firenze', 'responsabile.firenze', 'operatore.pisa', 'responsabile.pisa', 'admin.arti'];

export const nameMarker = (k: string) => `Mk${k}Z`;
export const locationMarker = (k: string) => `Loc${k}Z`;
export const specialMarker = (k: string) => `Spc${k}Z`;
export const EMPLOYER_MARKER = { A: 'Officine Fiorentine', B: 'Cantieri Pisani' } as const;
export const STAFF_MARKER = { A: ['operatore.firenze', 'responsabile.firenze'], B: ['operatore.pisa', 'responsabile.pisa'] } as const;
export const ALL_PEOPLE = [...PEOPLE_A, ...PEOPLE_B];

export function forbiddenPeopleMarkers(who: Who): string[] {
  const rule = PEOPLE[who];
  return ALL_PEOPLE.flatMap((k) => [
    ...(rule.visible.includes(k) ? [] : [nameMarker(k)]),
    ...(rule.location.includes(k) ? [] : [locationMarker(k)]),
    ...(rule.special.includes(k) ? [] : [specialMarker(k)]),
  ]);
}

export function forbiddenMarkers(who: Who): string[] {
  const employers = (['A', 'B'] as const).filter((e) => !EMPLOYERS[who].includes(e)).map((e) => EMPLOYER_MARKER[e]);
  // Staff identities: visible to whoever manages that job centre, and to auditors reading the trail.
  const staff = AUDIT_READERS.includes(who) ? [] : (['A', 'B'] as const).filter((c) => !MANAGES[who].includes(c)).flatMap((c) => STAFF_MARKER[c]);
  // An account's own username may come back in its own session.
  return [...forbiddenPeopleMarkers(who), ...employers, ...staff.filter((s) => s !== who)];
}

export interface Ids {
  people: Record<string, string>;
  employers: Record<'A' | 'B', string>;
  jobCentres: Record<'A' | 'B', string>;
  sites: Record<'A' | 'B', string>;
}

export interface Call {
  label: string;
  expected: number;
  path: string;
  init?: RequestInit & { json?: unknown };
  /** Extra assertions on the parsed body of a successful call. */
  check?: (body: unknown) => void;
}

export type RouteCases = (who: Who, ids: Ids, t: TestApp) => Promise<Call[]> | Call[];

export const allowedOr = (who: Who, readers: Who[], ok = 200) => (who === 'anonymous' ? 401 : readers.includes(who) ? ok : 403);
export const ALL_SIGNED_IN = ROLES.filter((r) => r !== 'anonymous');
