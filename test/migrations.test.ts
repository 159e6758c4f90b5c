import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { loadMigrations, migrate } from '../src/platform/db/migrate.ts';
import { freshDatabase, testEngines } from './support/databases.ts';

describe.each(testEngines())('migrations on %s', (engine) => {
  it('migrate an empty database, then re-run on a populated one without changes', async () => {
    const handle = await freshDatabase(engine, { migrate: false });
    try {
      const all = loadMigrations().map((m) => m.name);
      expect(await migrate(handle.db)).toEqual(all);
      await seedDemo(handle.db, { sharedDataDir: null, log: () => {} });
      const before = await sql<{ n: string }>`select count(*)::text as n from people`.execute(handle.db);
      expect(await migrate(handle.db)).toEqual([]);
      const after = await sql<{ n: string }>`select count(*)::text as n from people`.execute(handle.db);
      expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
      expect(Number(after.rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });

  it('demo seed is idempotent', async () => {
    const handle = await freshDatabase(engine);
    try {
      await seedDemo(handle.db, { sharedDataDir: null, log: () => {} });
      const count = async () =>
        (
          await sql<{ n: string }>`select (select count(*) from people) + (select count(*) from accounts) + (select count(*) from sites) as n`.execute(
            handle.db,
          )
        ).rows[0]?.n;
      const first = await count();
      await seedDemo(handle.db, { sharedDataDir: null, log: () => {} });
      expect(await count()).toBe(first);
    } finally {
      await handle.close();
    }
  });

  it('calendar dates round-trip without shifting a day', async () => {
    const handle = await freshDatabase(engine);
    try {
      const rows = await sql<{ d: string }>`select ${'2024-03-31'}::date as d union all select ${'2024-10-27'}::date`.execute(handle.db);
      expect(rows.rows.map((r) => r.d)).toEqual(['2024-03-31', '2024-10-27']);
    } finally {
      await handle.close();
    }
  });
});

describe('migration files', () => {
  it('are numbered in sequence and use no PostgreSQL-18-only functions', () => {
    for (const m of loadMigrations()) expect(m.sql).not.toMatch(/uuidv7\(|gen_random_uuid\(|\bvirtual\b/i);
  });
});
