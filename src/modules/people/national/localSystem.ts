import { createHash } from 'node:crypto';
import { romeDateOf } from '../../../platform/dates.ts';
import { classOf } from '../profiling/bands.ts';
import type { NationalDeclaration, NationalLabourSystem, NationalProfiling } from './port.ts';

/**
 * A working stand-in for the national system, in memory: demo data and tests publish declarations and
 * profiling into it, and Ponte reads them through the same port it will use for the real system.
 *
 * Profiling: a result published with `publishProfiling` wins; `withdrawProfiling` makes the system answer "none" for a
 * tax code. Any other tax code gets a deterministic demo result (`demoProfilingFor`) so that a refresh in the demo
 * always has something to show — unless the system was built with `{ demoProfiling: false }`.
 */
export class LocalNationalSystem implements NationalLabourSystem {
  readonly #declarations: NationalDeclaration[] = [];
  readonly #profiling = new Map<string, NationalProfiling | null>();
  readonly #demoProfiling: boolean;

  constructor(options: { demoProfiling?: boolean } = {}) {
    this.#demoProfiling = options.demoProfiling ?? true;
  }

  publishDeclaration(declaration: NationalDeclaration): void {
    this.#declarations.push(declaration);
  }

  publishProfiling(profiling: NationalProfiling): void {
    this.#profiling.set(profiling.taxCode.toUpperCase(), { ...profiling, taxCode: profiling.taxCode.toUpperCase() });
  }

  /** From now on the national system has no profiling for this tax code. */
  withdrawProfiling(taxCode: string): void {
    this.#profiling.set(taxCode.toUpperCase(), null);
  }

  async declarationsSince(cursor: string | null, limit: number): Promise<{ items: NationalDeclaration[]; cursor: string | null }> {
    const start = cursor ? Number(cursor) : 0;
    const items = this.#declarations.slice(start, start + limit);
    return { items, cursor: items.length ? String(start + items.length) : cursor };
  }

  async profilingOf(taxCode: string): Promise<NationalProfiling | null> {
    const key = taxCode.toUpperCase();
    if (this.#profiling.has(key)) return this.#profiling.get(key) ?? null;
    return this.#demoProfiling ? demoProfilingFor(key) : null;
  }
}

/**
 * A deterministic, made-up official result for a tax code (demo only): the index comes from a hash of the code,
 * the reference date is the first day of the current month, the class follows the configured cut-offs (bands.ts).
 */
export function demoProfilingFor(taxCode: string, today: string = romeDateOf()): NationalProfiling {
  const digest = createHash('sha256').update(`ponte-demo-profiling:${taxCode.toUpperCase()}`).digest();
  const index = Math.round((0.08 + (digest.readUInt32BE(0) / 0xffffffff) * 0.86) * 10_000) / 10_000;
  const referenceDate = `${today.slice(0, 7)}-01`;
  return { taxCode: taxCode.toUpperCase(), index, profilingClass: classOf(index, referenceDate)?.profilingClass ?? 'non classificato', referenceDate };
}
