import { afterAll, beforeAll, describe } from 'vitest';
import { type EngineName, freshDatabase, testEngines } from '../../../../test/support/databases.ts';
import type { DatabaseHandle, Db } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/ids.ts';

/**
 * Runs one suite on each test engine (PGlite, and PostgreSQL when PONTE_TEST_PG_URL is set — required in CI),
 * each on a fresh, migrated database of its own: the shared test helper decides, so every suite behaves alike.
 */
export function describeOnEachEngine(title: string, suite: (db: () => Db) => void): void {
  for (const engine of testEngines()) describe(`${title} [${engine}]`, () => suite(databaseFor(engine)));
}

function databaseFor(engine: EngineName): () => Db {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await freshDatabase(engine);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (!handle) throw new Error('database di test non aperto');
    return handle.db;
  };
}

/** Empties the organisation tables and the import log, then creates an agency; returns its id. */
export async function resetWithAgency(db: Db): Promise<string> {
  await db.deleteFrom('job_centre_competence').execute();
  await db.deleteFrom('sites').execute();
  await db.deleteFrom('job_centres').execute();
  await db.deleteFrom('municipalities').execute();
  await db.deleteFrom('import_rejections').execute();
  await db.deleteFrom('import_runs').execute();
  await db.deleteFrom('agencies').execute();
  const id = newId();
  await db.insertInto('agencies').values({ id, code: 'TEST', name: 'Agenzia di prova', region_code: '09', region_name: 'Toscana' }).execute();
  return id;
}
