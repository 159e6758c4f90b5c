/**
 * Types of the employment-status timeline: the events it is computed from and what it returns.
 * Dates are calendar dates in Europe/Rome, 'YYYY-MM-DD' (see src/platform/dates.ts).
 */

/** Confidence mark of the rules reference: verified, partly verified, unverified. */
export type Confidence = 'V' | 'P' | 'U';

export type DeclarationChannel = 'job-centre' | 'national-portal' | 'inps-benefit';

/** Where the prospective annual pay of a job comes from. */
export type PaySource = 'notice' | 'declared' | 'none';

/** DID. `atRiskUntil`: last day of the notice period when the DID is given during a dismissal notice (art. 19 c.4). */
export interface DeclarationEvent {
  kind: 'declaration';
  date: string;
  channel: DeclarationChannel;
  atRiskUntil?: string;
}

export interface RevocationEvent {
  kind: 'revocation';
  date: string;
}

/**
 * UNILAV hire (AVV). `contractType`: ministerial code ('A.01.00', 'A.02.00', 'A.03.09', 'A.05.02', 'C.01.00', …) or 'LPU'.
 * `annualPay`: prospective annual gross pay in euros, from the notice or, failing that, as declared by the person.
 */
export interface JobStartEvent {
  kind: 'jobStart';
  id: string;
  date: string;
  plannedEnd?: string;
  contractType: string;
  annualPay?: number;
  paySource: PaySource;
}

/** UNILAV extension (PRO): the job now ends on `newPlannedEnd`; a pay on the notice replaces the previous one. */
export interface JobExtensionEvent {
  kind: 'jobExtension';
  jobId: string;
  date: string;
  newPlannedEnd: string;
  annualPay?: number;
}

/** UNILAV conversion (TRA), e.g. fixed-term → open-ended, part-time → full-time. */
export interface JobConversionEvent {
  kind: 'jobConversion';
  jobId: string;
  date: string;
  contractType: string;
  annualPay?: number;
}

/** UNILAV termination (CES): `date` is the last day worked. */
export interface JobEndEvent {
  kind: 'jobEnd';
  jobId: string;
  date: string;
}

/** Decadenza from the state of unemployment imposed as a sanction (art. 21 c.7 D.lgs 150/2015). */
export interface SanctionLossEvent {
  kind: 'sanctionLoss';
  date: string;
  reference: string;
}

export type StatusEvent = DeclarationEvent | RevocationEvent | JobStartEvent | JobExtensionEvent | JobConversionEvent | JobEndEvent | SanctionLossEvent;

export type EmploymentState = 'not-registered' | 'unemployed' | 'at-risk' | 'suspended' | 'employed-keeping' | 'lost' | 'pending';

/** The row of the income-limit table a decision used (see incomeLimits.ts). */
export interface IncomeLimitRow {
  from: string;
  to?: string;
  /** € per year, prospective annual pay, subordinate and parasubordinate work. */
  employee: number;
  /** € per year, self-employment. */
  selfEmployed: number;
  source: string;
  confidence: Confidence;
}

export interface JobPay {
  jobId: string;
  contractType: string;
  annualPay?: number;
  paySource: PaySource;
}

/** Why a period has its state: the legal basis, and for decisions about pay, which pay and which limit. */
export interface Basis {
  legalBasis: string;
  /** Combined source: 'none' if any job lacks pay, 'declared' if any pay is declared, otherwise 'notice'. */
  paySource?: PaySource;
  /** Sum of the prospective annual pay of the jobs running on the day (known amounts only). */
  pay?: number;
  limitUsed?: IncomeLimitRow;
  jobs?: JobPay[];
  /** Italian explanation shown to operators and citizens. */
  detail?: string;
}

export interface Period {
  from: string;
  /** Inclusive; null when open. Periods after the last known fact are projections from planned end dates. */
  to: string | null;
  state: EmploymentState;
  ruleId: string;
  basis: Basis;
  sinceJobId?: string;
  /** Registration episode (one per effective DID), absent for 'lost'. */
  episode?: number;
  declarationDate?: string;
}

export type Cause =
  | { kind: 'event'; event: StatusEvent }
  | { kind: 'suspension-limit-reached'; jobId: string }
  | { kind: 'job-ended'; jobId: string }
  | { kind: 'notice-period-ended' }
  | { kind: 'income-limit-changed' };

export interface Decision {
  date: string;
  /** False when events of the day were evaluated and the state did not change. */
  changed: boolean;
  state: EmploymentState;
  ruleId: string;
  /** The rule that made the engine look again, when it is not the rule of the resulting state. */
  triggerRuleId?: string;
  basis: Basis;
  sinceJobId?: string;
  message: string;
  causes: Cause[];
}

export interface TimelineWarning {
  date?: string;
  message: string;
  event?: StatusEvent;
}

export interface Timeline {
  periods: Period[];
  decisions: Decision[];
  warnings: TimelineWarning[];
  /** Years for which a decision waits for an income limit: tell the agency administrators. */
  missingIncomeLimitYears: number[];
}
