import type { NationalDeclaration, NationalLabourSystem, NationalProfiling } from './port.ts';

/**
 * A working stand-in for the national system, in memory: demo data and tests publish declarations and
 * profiling into it, and Ponte reads them through the same port it will use for the real system.
 */
export class LocalNationalSystem implements NationalLabourSystem {
  readonly #declarations: NationalDeclaration[] = [];
  readonly #profiling = new Map<string, NationalProfiling>();

  publishDeclaration(declaration: NationalDeclaration): void {
    this.#declarations.push(declaration);
  }

  publishProfiling(profiling: NationalProfiling): void {
    this.#profiling.set(profiling.taxCode, profiling);
  }

  async declarationsSince(cursor: string | null, limit: number): Promise<{ items: NationalDeclaration[]; cursor: string | null }> {
    const start = cursor ? Number(cursor) : 0;
    const items = this.#declarations.slice(start, start + limit);
    return { items, cursor: items.length ? String(start + items.length) : cursor };
  }

  async profilingOf(taxCode: string): Promise<NationalProfiling | null> {
    return this.#profiling.get(taxCode) ?? null;
  }
}
