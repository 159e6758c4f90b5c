import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type DatabaseHandle, type Db, openDatabase } from '../../../platform/db/database.ts';
import { migrate } from '../../../platform/db/migrate.ts';
import { newId } from '../../../platform/ids.ts';

/**
 * Runs one suite on in-memory PGlite and, when PONTE_TEST_PG_URL is set, on PostgreSQL in a schema of
 * its own (created and dropped here). Without the URL the PostgreSQL run is skipped with a warning —
 * except in CI, where it fails.
 */
export function describeOnEachEngine(title: string, suite: (db: () => Db) => void): void {
  describe(`${title} [pglite]`, () => suite(databaseFor(() => openDatabase({ engine: 'pglite', dataDir: null }))));

  const url = process.env.PONTE_TEST_PG_URL;
  if (url) {
    describe(`${title} [postgres]`, () => suite(databaseFor(() => openPostgresSchema(url))));
  } else if (process.env.CI) {
    describe(`${title} [postgres]`, () => {
      it('richiede PostgreSQL', () => {
        throw new Error('PONTE_TEST_PG_URL non impostata: in CI i test su PostgreSQL non possono essere saltati');
      });
    });
  } else {
    console.warn(`${title}: test su PostgreSQL saltati (PONTE_TEST_PG_URL non impostata); eseguiti solo su PGlite`);
    describe.skip(`${title} [postgres]`, () => {});
  }
}

function databaseFor(open: () => Promise<DatabaseHandle>): () => Db {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await open();
    await migrate(handle.db);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (!handle) throw new Error('database di test non aperto');
    return handle.db;
  };
}

async function openPostgresSchema(url: string): Promise<DatabaseHandle> {
  const schema = `importer_test_${newId().replaceAll('-', '').slice(-12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema},public`);
  const handle = await openDatabase({ engine: 'postgres', url: scoped.toString(), poolSize: 2 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
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
