import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Actor, Role, Specialism } from '../access/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { problems } from '../http/problems.ts';
import { hashToken, SESSION_COOKIE } from './sessions.ts';

const csrfTokens = new WeakMap<FastifyRequest, string>();

/** Resolves the session cookie to an actor; expired or unknown sessions resolve to null. */
export async function loadActor(db: Db, config: Pick<Config, 'session'>, request: FastifyRequest): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const now = new Date();
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select([
      's.id as sessionId',
      's.csrf_token',
      's.auth_method',
      's.expires_at',
      's.idle_expires_at',
      'a.id',
      'a.username',
      'a.display_name',
      'a.role',
      'a.specialism',
      'a.job_centre_id',
      'a.territory_provinces',
      'a.person_id',
      'a.employer_ids',
      'a.provider_id',
    ])
    .where('s.id', '=', hashToken(token))
    .where('s.expires_at', '>', now)
    .where('s.idle_expires_at', '>', now)
    .where('a.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  // Slide the idle deadline, at most once a minute per session to keep reads cheap.
  const idleMs = config.session.idleMinutes * 60_000;
  if (row.idle_expires_at.getTime() - now.getTime() < idleMs - 60_000) {
    const next = new Date(Math.min(now.getTime() + idleMs, row.expires_at.getTime()));
    await db.updateTable('sessions').set({ idle_expires_at: next }).where('id', '=', row.sessionId).execute();
  }
  csrfTokens.set(request, row.csrf_token);
  return actorFromAccount(row, row.sessionId, row.auth_method === 'oidc' ? 'oidc' : 'password');
}

/** The actor an account becomes once logged in (used for the login's own audit entry). */
export function actorFromAccount(
  account: {
    id: string;
    username: string;
    display_name: string;
    role: string;
    specialism: string | null;
    job_centre_id: string | null;
    territory_provinces: string[];
    person_id: string | null;
    employer_ids: string[];
    provider_id: string | null;
  },
  sessionId: string,
  authMethod: Actor['authMethod'],
): Actor {
  return {
    accountId: account.id,
    username: account.username,
    displayName: account.display_name,
    role: account.role as Role,
    specialism: account.specialism as Specialism | null,
    jobCentreId: account.job_centre_id,
    territoryProvinces: account.territory_provinces,
    personId: account.person_id,
    employerIds: account.employer_ids,
    providerId: account.provider_id,
    sessionId,
    authMethod,
  };
}

export function csrfTokenOf(request: FastifyRequest): string | undefined {
  return csrfTokens.get(request);
}

export function verifyCsrf(request: FastifyRequest): void {
  const expected = csrfTokens.get(request);
  const given = request.headers['x-csrf-token'];
  if (!expected || typeof given !== 'string') throw problems.csrf();
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw problems.csrf();
}
