import type { MessageKey } from '../i18n/index.tsx';
import type { Role } from './types.ts';

/** Job-centre and partner staff who use the back office. */
export const BACKOFFICE_ROLES: readonly Role[] = ['operator', 'manager', 'specialist', 'provider', 'social_worker'];
/** Who may open the back office pages (regional administrators too). */
export const BACKOFFICE_ACCESS: readonly Role[] = [...BACKOFFICE_ROLES, 'agency_admin'];
export const REGION_ACCESS: readonly Role[] = ['agency_admin'];
export const AUDIT_ACCESS: readonly Role[] = ['auditor', 'agency_admin'];
export const CITIZEN_ACCESS: readonly Role[] = ['citizen'];
export const EMPLOYER_ACCESS: readonly Role[] = ['employer'];
/** Who may register people and record or revoke their availability declarations. */
export const REGISTRAR_ACCESS: readonly Role[] = ['operator', 'manager', 'agency_admin'];

export const PATHS = {
  login: '/login',
  backoffice: '/operatore',
  person: (id: string) => `/operatore/persone/${encodeURIComponent(id)}`,
  registerPerson: '/operatore/persone/nuova',
  jobCentre: (id: string) => `/cpi/${encodeURIComponent(id)}`,
  region: '/regione',
  notices: '/regione/comunicazioni',
  audit: '/audit',
  citizen: '/cittadino',
  citizenProfile: '/cittadino/profilo',
  employer: '/azienda',
} as const;

/** Where each role lands after logging in. */
export function homePath(role: Role): string {
  switch (role) {
    case 'citizen':
      return PATHS.citizen;
    case 'employer':
      return PATHS.employer;
    case 'auditor':
      return PATHS.audit;
    case 'agency_admin':
      return PATHS.region;
    default:
      return PATHS.backoffice;
  }
}

export interface NavEntry {
  to: string;
  label: MessageKey;
  roles: readonly Role[];
}

/** The three faces of the app, shown only to the roles that may use them. */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { to: PATHS.region, label: 'nav.region', roles: REGION_ACCESS },
  { to: PATHS.notices, label: 'notices.nav', roles: REGION_ACCESS },
  { to: PATHS.backoffice, label: 'nav.backoffice', roles: BACKOFFICE_ACCESS },
  { to: PATHS.registerPerson, label: 'nav.registerPerson', roles: REGISTRAR_ACCESS },
  { to: PATHS.audit, label: 'nav.audit', roles: AUDIT_ACCESS },
  { to: PATHS.citizen, label: 'nav.citizen', roles: CITIZEN_ACCESS },
  { to: PATHS.employer, label: 'nav.employer', roles: EMPLOYER_ACCESS },
];

export function navFor(role: Role): NavEntry[] {
  return NAV_ENTRIES.filter((e) => e.roles.includes(role));
}

/** Whether a role may open a path (used to honour "return to where you were" after login). */
export function mayOpen(role: Role, path: string): boolean {
  const rules: [string, readonly Role[]][] = [
    [PATHS.registerPerson, REGISTRAR_ACCESS],
    ['/operatore', BACKOFFICE_ACCESS],
    ['/cpi/', BACKOFFICE_ACCESS],
    ['/regione', REGION_ACCESS],
    ['/audit', AUDIT_ACCESS],
    ['/cittadino', CITIZEN_ACCESS],
    ['/azienda', EMPLOYER_ACCESS],
  ];
  const rule = rules.find(([prefix]) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
  return rule ? rule[1].includes(role) : false;
}
