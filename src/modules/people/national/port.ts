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

/**
 * The official quantitative profiling of a person (ANPAL/MLPS; rules reference §1.4 and §4), as the national system
 * returns it: SIL-ER keeps the same pair as `numindicesvantaggio150` and `datriferimento150`.
 */
export interface NationalProfiling {
  taxCode: string;
  /** Disadvantage index in [0, 1]: the probability of not being employed. */
  index: number;
  /** The class the national system assigns (e.g. 'bassa' … 'alta'); stored as received. */
  profilingClass: string;
  /** The date the index refers to (YYYY-MM-DD). */
  referenceDate: string;
}

export interface NationalLabourSystem {
  /** Declarations changed after `cursor` (opaque), oldest first, and the cursor to continue from. */
  declarationsSince(cursor: string | null, limit: number): Promise<{ items: NationalDeclaration[]; cursor: string | null }>;
  /** The latest official profiling of the person with this tax code, or null when the national system has none. */
  profilingOf(taxCode: string): Promise<NationalProfiling | null>;
}
