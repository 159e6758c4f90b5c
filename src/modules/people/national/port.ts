/**
 * The national labour-policy information system (SIU/SIISL) as Ponte sees it: declarations of availability
 * given there (online, or implied by an INPS benefit application) and the official profiling.
 * The real connection is a later issue; `LocalNationalSystem` is the working implementation for demo and tests.
 */
export interface NationalDeclaration {
  /** The national system's identifier of the declaration: the key that makes receiving it idempotent. */
  reference: string;
  taxCode: string;
  channel: 'national-portal' | 'inps-benefit';
  declaredOn: string;
  atRiskUntil?: string;
  revokedOn?: string;
}

export interface NationalProfiling {
  taxCode: string;
  index: number;
  profilingClass: string;
  referenceDate: string;
}

export interface NationalLabourSystem {
  /** Declarations changed after `cursor` (opaque), oldest first, and the cursor to continue from. */
  declarationsSince(cursor: string | null, limit: number): Promise<{ items: NationalDeclaration[]; cursor: string | null }>;
  profilingOf(taxCode: string): Promise<NationalProfiling | null>;
}
