/** Shapes of the API responses the web app reads (see the API contract in docs). */

export const ROLES = ['citizen', 'employer', 'operator', 'manager', 'specialist', 'provider', 'social_worker', 'agency_admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  specialism: string | null;
  jobCentreId: string | null;
  jobCentreName: string | null;
}

export interface SessionResponse {
  account: Account;
  csrfToken: string;
}

export interface AuthMethods {
  password: boolean;
  oidc: { enabled: boolean; label: string };
}

export interface Site {
  id: string;
  name: string;
  kind: 'main' | 'desk';
  address: string | null;
  municipalityName: string | null;
  phone: string | null;
  email: string | null;
  openingHours: string | null;
}

export interface JobCentre {
  id: string;
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  municipalityIstatCode: string | null;
  municipalityName: string | null;
  address: string | null;
  email: string | null;
  sites: Site[];
}

export interface JobCentreDetail extends JobCentre {
  municipalities: { istatCode: string; name: string }[];
}

export interface JobCentreList {
  items: JobCentre[];
  total: number;
}

export interface Province {
  code: string;
  name: string;
  jobCentreCount: number;
  municipalityCount: number;
}

export interface Municipality {
  istatCode: string;
  name: string;
  provinceCode: string;
  latitude: number | null;
  longitude: number | null;
  jobCentreId: string | null;
}

export type AuditAction = 'read' | 'write' | 'search' | 'export' | 'document' | 'login';
export const AUDIT_ACTIONS: readonly AuditAction[] = ['read', 'write', 'search', 'export', 'document', 'login'];

export interface AuditEntry {
  id: string;
  at: string;
  /** Null for events without an authenticated actor (e.g. a login attempt). */
  actorUsername: string | null;
  actorRole: string | null;
  actorScope: string | null;
  action: string;
  recordType: string | null;
  recordIds: string[];
  fields: string[];
  purpose: string | null;
  outcome: string | null;
  ip: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export interface Place {
  municipalityName: string | null;
  address: string | null;
}

export interface PersonData {
  id: string;
  givenName?: string;
  familyName?: string;
  birthDate?: string | null;
  sex?: string | null;
  taxCode?: string | null;
  residence?: Place | null;
  domicile?: Place | null;
  jobCentre?: { id: string; name: string } | null;
  email?: string | null;
  phone?: string | null;
}

export interface StaffPersonDetail extends PersonData {
  specialCategory?: { notes: string | null };
  protected?: boolean;
  hiddenFields?: string[];
}

export interface Consultation {
  at: string;
  actorRole: string;
  actorDescription: string;
  action: string;
  fields: string[];
  purpose: string | null;
}

export interface PersonSummary {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  jobCentreName: string | null;
  flags: string[];
  /** Current employment state (absent from older servers). */
  status?: string;
}

export interface PeopleSearchResult {
  items: PersonSummary[];
  total: number;
}

export interface EmployerCompany {
  id: string;
  name: string;
  taxCode: string;
  municipalityName: string | null;
  atecoCode: string | null;
}
