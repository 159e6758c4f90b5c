import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { loadMigrations, migrate } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';
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

  it('0013 keeps the people an interrupted notices run must still recompute, in chunks of 5,000', async () => {
    const handle = await freshDatabase(engine, { migrate: false });
    try {
      const all = loadMigrations();
      const at = all.findIndex((m) => m.name.startsWith('0013_'));
      await migrate(handle.db, all.slice(0, at));
      await seedDemo(handle.db, { sharedDataDir: null, log: () => {} });
      const runs = [newId(), newId()];
      for (const [i, id] of runs.entries())
        await sql`insert into import_runs (id, kind, source_name, source_sha256, status) values (${id}, 'notices', ${`n${i}.csv`}, ${String(i).repeat(64)}, 'running')`.execute(
          handle.db,
        );
      // Ids need not be people here: the old table checked only the run.
      const people = Array.from({ length: 5003 }, () => newId()).sort();
      await sql`insert into notice_import_pending (run_id, person_id) select ${runs[0]}::uuid, unnest(${people}::uuid[])`.execute(handle.db);
      await sql`insert into notice_import_pending (run_id, person_id) values (${runs[1]}, ${people[0]})`.execute(handle.db);
      expect(await migrate(handle.db, all)).toEqual(all.slice(at).map((m) => m.name));
      const { rows } = await sql<{ run_id: string; chunk: number; ids: string[] }>`
        select run_id, chunk, (select array_agg(x::text order by x) from unnest(person_ids) x) as ids from notice_import_pending order by run_id, chunk`.execute(
        handle.db,
      );
      const expected = [
        { run_id: runs[0], chunk: 0, ids: people.slice(0, 5000) },
        { run_id: runs[0], chunk: 1, ids: people.slice(5000) },
        { run_id: runs[1], chunk: 0, ids: [people[0]] },
      ].sort((a, b) => (a.run_id as string).localeCompare(b.run_id as string));
      expect(rows).toEqual(expected);
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
