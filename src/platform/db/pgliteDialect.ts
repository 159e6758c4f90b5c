import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { markedCopy } from './copy.ts';

/**
 * Kysely dialect for PGlite. PGlite has one connection: a mutex hands it to one Kysely
 * "connection" at a time, so a transaction owns it from BEGIN to COMMIT and no other
 * query can interleave (kysely-pglite lets them interleave; a rollback then wiped others' rows).
 */
export class PGliteDialect implements Dialect {
  readonly #pg: PGlite;
  constructor(pg: PGlite) {
    this.#pg = pg;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pg);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
}

const LOCK_TIMEOUT_MS = Number(process.env.PONTE_PGLITE_LOCK_TIMEOUT_MS ?? 60_000);

class PGliteDriver implements Driver {
  readonly #pg: PGlite;
  readonly #mutex = new Mutex();
  constructor(pg: PGlite) {
    this.#pg = pg;
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const acquired = this.#mutex.lock();
    let timer: NodeJS.Timeout | undefined;
    // PGlite has one connection: a query issued on the database while a transaction of the same flow waits
    // would wait forever. Fail loudly instead of hanging.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`PGlite: connessione non disponibile dopo ${LOCK_TIMEOUT_MS / 1000} s (query fuori dalla transazione in corso?)`)),
        LOCK_TIMEOUT_MS,
      );
    });
    try {
      const release = await Promise.race([acquired, timeout]);
      return new PGliteConnection(this.#pg, release);
    } catch (error) {
      void acquired.then((release) => release()); // hand the lock on when it finally comes
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release();
  }
  async destroy(): Promise<void> {
    // The owner of the PGlite instance closes it (see database.ts).
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pg: PGlite;
  readonly #release: () => void;
  constructor(pg: PGlite, release: () => void) {
    this.#pg = pg;
    this.#release = release;
  }
  release(): void {
    this.#release();
  }
  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const copy = markedCopy(compiledQuery.sql, compiledQuery.parameters);
    if (copy) {
      // PGlite reads COPY FROM STDIN data from a blob handed with the query.
      const result = await this.#pg.query(copy.statement.replace(/from stdin$/i, "from '/dev/blob'"), [], { blob: new Blob([copy.data]) });
      const copied = result.affectedRows ?? 0;
      return { rows: [{ copied }] as R[], numAffectedRows: BigInt(copied) };
    }
    if (compiledQuery.parameters.length === 0) {
      // Simple protocol: allows scripts with several statements (migrations), like pg does.
      const results = await this.#pg.exec(compiledQuery.sql);
      const last = results.at(-1);
      return {
        rows: (last?.rows ?? []) as R[],
        numAffectedRows: last?.affectedRows !== undefined ? BigInt(last.affectedRows) : undefined,
      };
    }
    const result = await this.#pg.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined,
    };
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported by PGlite
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite non supporta lo streaming delle query');
  }
}
