import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { INCOME_LIMITS } from './status/incomeLimits.ts';

/**
 * For the agency administrators: the income-limit table in force (data with sources) and, per calendar year,
 * how many people have a status decision waiting because no limit is configured for that year (rule
 * INCOME_LIMIT_MISSING). Pending periods start on the day the missing year's limit is first needed, so the
 * year of `valid_from` is the year whose limit is missing.
 */
export async function incomeLimitReport(db: Db) {
  const pending = await db
    .selectFrom('status_periods')
    .select([sql<number>`extract(year from valid_from)::int`.as('year'), sql<number>`count(distinct person_id)::int`.as('people')])
    .where('rule_id', '=', 'INCOME_LIMIT_MISSING')
    .groupBy(sql`extract(year from valid_from)`)
    .orderBy(sql`extract(year from valid_from)`)
    .execute();
  return {
    limits: INCOME_LIMITS.map((row) => ({
      from: row.from,
      to: row.to ?? null,
      employee: row.employee,
      selfEmployed: row.selfEmployed,
      source: row.source,
      confidence: row.confidence,
    })),
    pending: pending.map((p) => ({ year: Number(p.year), people: Number(p.people) })),
  };
}
