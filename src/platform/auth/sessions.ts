import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';

export const SESSION_COOKIE = 'ponte_session';

export interface SessionContext {
  ip: string | null;
  userAgent: string | null;
}

export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Only a hash of the token is stored: a leaked sessions table cannot be replayed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function startSession(
  db: Db,
  config: Pick<Config, 'session'>,
  accountId: string,
  method: 'password' | 'oidc',
  ctx: SessionContext,
): Promise<StartedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = Date.now();
  const expiresAt = new Date(now + config.session.maxHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      account_id: accountId,
      csrf_token: csrfToken,
      auth_method: method,
      expires_at: expiresAt,
      idle_expires_at: new Date(Math.min(now + config.session.idleMinutes * 60_000, expiresAt.getTime())),
      ip: ctx.ip,
      user_agent: ctx.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'secureCookies'>, session: Pick<StartedSession, 'token' | 'expiresAt'>): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'secureCookies'>): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' });
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}
