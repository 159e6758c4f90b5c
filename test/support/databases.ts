import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

export type EngineName = 'pglite' | 'postgres';

/**
 * The engines a test runs on. PGlite always; PostgreSQL when PONTE_TEST_PG_URL points at a server
 * (.ci/run starts one). In CI a missing server is an error, never a silent skip.
 */
export function testEngines(): EngineName[] {
  if (process.env.PONTE_TEST_PG_URL) return ['pglite', 'postgres'];
  if (process.env.CI) throw new Error('CI: PONTE_TEST_PG_URL non impostata — i test su PostgreSQL devono girare in CI');
  if (!warned) {
    warned = true;
    console.warn('⚠ PONTE_TEST_PG_URL non impostata: i test su PostgreSQL sono saltati in locale (in CI girano sempre).');
  }
  return ['pglite'];
}
let warned = false;

/** A fresh, empty database on the given engine; close() drops it. On PostgreSQL, `url` reaches it with other clients. */
export async function freshDatabase(engine: EngineName, options: { migrate?: boolean } = {}): Promise<DatabaseHandle & { url?: string }> {
  let handle: DatabaseHandle & { url?: string };
  if (engine === 'pglite') {
    handle = await openDatabase({ engine: 'pglite', dataDir: null });
  } else {
    const adminUrl = process.env.PONTE_TEST_PG_URL as string;
    const name = `ponte_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const inner = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 5 });
    handle = {
      ...inner,
      url: url.toString(),
      close: async () => {
        await inner.close();
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  if (options.migrate !== false) await migrate(handle.db);
  return handle;
}
