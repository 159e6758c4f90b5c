import type { Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

/** One transaction, plus actions that must run only once it has committed (e.g. audit heads written outside the database). */
export interface Tx {
  db: Transaction<Database>;
  afterCommit(action: () => void): void;
}

export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const after: Array<() => void> = [];
  const result = await db.transaction().execute((trx) => work({ db: trx, afterCommit: (a) => after.push(a) }));
  for (const action of after) action();
  return result;
}
