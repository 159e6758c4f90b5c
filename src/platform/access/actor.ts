/** Who is asking: the authenticated account as the access layer sees it. */
export const ROLES = ['citizen', 'employer', 'operator', 'manager', 'specialist', 'provider', 'social_worker', 'agency_admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const SPECIALISMS = ['targeted_placement', 'crisis', 'accreditation', 'internships'] as const;
export type Specialism = (typeof SPECIALISMS)[number];

export const STAFF_ROLES: readonly Role[] = ['operator', 'manager', 'specialist', 'agency_admin', 'auditor'];

export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  specialism: Specialism | null;
  /** Operator and manager: their job centre. */
  jobCentreId: string | null;
  /** Specialist officers: the provinces of their territory (empty = whole region). */
  territoryProvinces: string[];
  /** Citizen: their own person record. */
  personId: string | null;
  /** Employer account: the companies it may act for. */
  employerIds: string[];
  /** Provider staff: their accredited provider. */
  providerId: string | null;
  sessionId: string;
  authMethod: 'password' | 'oidc';
}

/** Where the request came from, for the audit trail. */
export interface RequestContext {
  ip: string | null;
  requestId: string;
}

export function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.includes(actor.role);
}

/** A short text naming the caller's scope, stored with every audit entry. */
export function describeScope(actor: Actor): string {
  switch (actor.role) {
    case 'citizen':
      return `person:${actor.personId}`;
    case 'employer':
      return `employers:${actor.employerIds.join(',')}`;
    case 'operator':
    case 'manager':
      return `jobCentre:${actor.jobCentreId}`;
    case 'specialist':
      return `${actor.specialism}:${actor.territoryProvinces.length ? actor.territoryProvinces.join(',') : 'region'}`;
    case 'provider':
      return `provider:${actor.providerId}`;
    case 'social_worker':
      return 'sharedCases';
    case 'agency_admin':
    case 'auditor':
      return 'region';
  }
}
