/**
 * `COPY … FROM STDIN` through Kysely, in the caller's transaction, on both engines: the fastest way PostgreSQL has to
 * take many rows (no per-row JSON or array parsing). Kysely has no COPY, so copyRows() sends a statement marked with
 * COPY_MARKER and the rows as its one parameter; the PostgreSQL pool wrapper (copyAwarePool, pg-copy-streams) and the
 * PGlite connection (`/dev/blob`) recognise the marker and run a real COPY on the connection the query came on.
 */
import type { Writable } from 'node:stream';
import { CompiledQuery, type QueryResult } from 'kysely';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type CopyValue, copyText } from './copyText.ts';

const COPY_MESSAGE_BYTES = 65_536;

export const COPY_MARKER = '/* ponte:copy-from-stdin */';

export { type CopyValue, copyField, copyText } from './copyText.ts';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Copies rows into a table (plain lower-case names only: they are written into the statement) in the caller's
 * transaction; returns how many rows were copied. Constraints and statement triggers apply as for an INSERT.
 */
export async function copyRows(
  db: { executeQuery(query: CompiledQuery<unknown>): Promise<QueryResult<unknown>> },
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  return copyFormatted(db, table, columns, copyText(rows));
}

/** copyRows with the rows already in COPY's text format (copyText, copyField): for callers that format ahead of time. */
export async function copyFormatted(
  db: { executeQuery(query: CompiledQuery<unknown>): Promise<QueryResult<unknown>> },
  table: string,
  columns: readonly string[],
  text: string,
): Promise<number> {
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`copyRows: nome non ammesso «${name}»`);
  const statement = `${COPY_MARKER} copy ${table} (${columns.join(', ')}) from stdin`;
  const result = await db.executeQuery(CompiledQuery.raw(statement, [text]));
  return (result.rows[0] as CopyResultRow | undefined)?.copied ?? 0;
}

/** What the drivers answer a marked COPY with (Kysely counts affected rows only for INSERT, UPDATE, DELETE, MERGE). */
export interface CopyResultRow {
  copied: number;
}

/** The marked statement and its data, when this query is one (see copyRows). */
export function markedCopy(sql: string, parameters: readonly unknown[]): { statement: string; data: string } | null {
  if (!sql.startsWith(COPY_MARKER)) return null;
  return { statement: sql.slice(COPY_MARKER.length).trim(), data: String(parameters[0] ?? '') };
}

/** Runs a COPY FROM STDIN on a pg client with the data given; resolves with the number of rows copied. */
export function copyOnClient(client: PoolClient, statement: string, data: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(statement)) as Writable & { rowCount?: number };
    stream.on('error', reject);
    stream.on('finish', () => resolve(stream.rowCount ?? 0));
    // Messages of 64 KiB: the server parses each while the next arrives (one huge message is read whole first).
    const bytes = Buffer.from(data, 'utf8');
    for (let at = 0; at < bytes.length; at += COPY_MESSAGE_BYTES) stream.write(bytes.subarray(at, at + COPY_MESSAGE_BYTES));
    stream.end();
  });
}
