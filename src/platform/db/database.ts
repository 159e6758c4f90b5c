import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { copyOnClient, markedCopy } from './copy.ts';
import { lockDataDir } from './dataDirLock.ts';
import { PGliteDialect } from './pgliteDialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** Where the data lives, without credentials: shown at start-up. */
  location: string;
  close(): Promise<void>;
}

export type DatabaseTarget = { engine: 'postgres'; url: string; poolSize?: number } | { engine: 'pglite'; dataDir: string | null /* null = in memory */ };

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Calendar dates stay 'YYYY-MM-DD' strings: a Date would shift a day through UTC conversion.
pg.types.setTypeParser(DATE_OID, (value) => value);
pg.types.setTypeParser(INT8_OID, (value) => value);
pg.types.setTypeParser(NUMERIC_OID, (value) => value);

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    const client = await pool.connect(); // fail fast with a clear error if the server is unreachable
    client.release();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: copyAwarePool(pool) }) });
    return {
      db,
      engine: 'postgres',
      location: redactUrl(target.url),
      close: () => db.destroy(),
    };
  }
  const release = target.dataDir ? lockDataDir(target.dataDir) : () => {};
  try {
    const pglite = new PGlite({
      dataDir: target.dataDir ?? undefined,
      extensions: { pg_trgm },
      parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => v, [NUMERIC_OID]: (v: string) => v },
    });
    await pglite.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      engine: 'pglite',
      location: target.dataDir ?? '(in memoria)',
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** The pool Kysely sees: queries pass through, except copyRows' marked statements, run as COPY FROM STDIN (copy.ts). */
function copyAwarePool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        // biome-ignore lint/suspicious/noExplicitAny: the overloads of PostgresPoolClient.query (text or cursor) pass through unchanged
        query: ((sqlOrCursor: any, parameters?: readonly unknown[]) => {
          const copy = typeof sqlOrCursor === 'string' ? markedCopy(sqlOrCursor, parameters ?? []) : null;
          if (copy) return copyOnClient(client, copy.statement, copy.data).then((copied) => ({ command: 'COPY', rowCount: copied, rows: [{ copied }] }));
          return client.query(sqlOrCursor, parameters as unknown[]);
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
