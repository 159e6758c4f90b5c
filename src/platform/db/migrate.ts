import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from './database.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  names.forEach((name, index) => {
    const match = NAME.exec(name);
    if (!match || Number(match[1]) !== index + 1) {
      throw new Error(`Migrazione fuori sequenza o con nome non valido: ${name} (atteso ${String(index + 1).padStart(4, '0')}_nome.sql)`);
    }
  });
  return names.map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Forward-only migrations: each file runs once, in order, in its own transaction, on both engines.
 * An advisory lock keeps two PostgreSQL processes from migrating at the same time.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(727274)`.execute(conn);
    try {
      const done = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(conn)).rows.map((r) => r.name));
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(migration.sql).execute(trx);
          await sql`insert into schema_migrations (name) values (${migration.name})`.execute(trx);
        });
        applied.push(migration.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(727274)`.execute(conn);
    }
  });
  return applied;
}
