/** Shapes of the people API the web app reads and sends (registration, employment status, declarations). */

export const EMPLOYMENT_STATES = ['not-registered', 'unemployed', 'at-risk', 'suspended', 'employed-keeping', 'lost', 'pending'] as const;
export type EmploymentState = (typeof EMPLOYMENT_STATES)[number];

/** Confidence of the legal source of a rule: verified, partly verified, unverified. */
export type Confidence = 'V' | 'P' | 'U';
export type PaySource = 'notice' | 'declared' | 'none';
export type DeclarationChannel = 'job-centre' | 'national-portal' | 'inps-benefit';

export interface StatusOn {
  state: EmploymentState | string;
  since: string | null;
  ruleId: string;
  ruleTitle: string;
  legalBasis: string;
  confidence: Confidence | string;
  detail: string | null;
  paySource: PaySource | string | null;
  unemploymentDays: number;
}

export interface StatusPeriod {
  from: string;
  to: string | null;
  state: EmploymentState | string;
  ruleId: string;
  ruleTitle: string;
  legalBasis: string;
  confidence: Confidence | string;
  detail: string | null;
  paySource: PaySource | string | null;
  incomeLimit: { amount: number; source: string } | null;
}

export interface Declaration {
  id: string;
  declaredOn: string;
  channel: DeclarationChannel | string;
  atRiskUntil: string | null;
  revokedOn: string | null;
  revocationReason: string | null;
}

export interface EmploymentStatusView {
  date: string;
  current: StatusOn;
  periods: StatusPeriod[];
  declarations: Declaration[];
  missingIncomeLimitYears: number[];
}

export interface PlaceInput {
  municipalityIstatCode: string;
  address: string;
}

export interface IdentityOverride {
  warning: string;
  reason: string;
}

export interface RegisterPersonRequest {
  taxCode: string;
  givenName: string;
  familyName: string;
  sex: 'M' | 'F';
  birthDate: string;
  birthplaceCode?: string;
  citizenship?: string;
  residence: PlaceInput;
  domicile?: PlaceInput;
  email?: string;
  phone?: string;
  privacyNoticeGiven: true;
  overrides?: IdentityOverride[];
}

export interface HomonymNotice {
  personId: string | null;
  message: string;
}

export interface RegisterPersonResult {
  id: string;
  jobCentre: { id: string; name: string };
  homonymNotices: HomonymNotice[];
  overriddenWarnings: string[];
  /** Declarations received from the national system and notices received before the registration, now linked. */
  linkedDeclarations?: number;
  linkedNotices?: number;
}

/** A declared datum that disagrees with the tax code (422 from the registration). */
export interface IdentityWarning {
  warning: string;
  message: string;
}

/** Router state carried to the person page right after a registration. */
export interface RegisteredState {
  registered: RegisterPersonResult;
}

export const peoplePath = (id: string) => `/api/v1/people/${encodeURIComponent(id)}`;
