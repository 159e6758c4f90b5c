import { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { authenticated, PUBLIC } from '../access/policy.ts';
import { inTransaction } from '../db/unitOfWork.ts';
import { problems } from '../http/problems.ts';
import { type App, type AppDeps, requestContext } from '../http/server.ts';
import { actorFromAccount, csrfTokenOf } from './actorFromSession.ts';
import { verifyPassword } from './passwords.ts';
import { clearSessionCookie, endSession, hashToken, SESSION_COOKIE, setSessionCookie, startSession } from './sessions.ts';

const SessionResponse = z.object({
  account: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    specialism: z.string().nullable(),
    jobCentreId: z.string().nullable(),
    jobCentreName: z.string().nullable(),
  }),
  csrfToken: z.string(),
});

async function sessionBody(
  deps: AppDeps,
  actor: Pick<Actor, 'accountId' | 'username' | 'displayName' | 'role' | 'specialism' | 'jobCentreId'>,
  csrfToken: string,
) {
  const centre = actor.jobCentreId ? await deps.db.selectFrom('job_centres').select('name').where('id', '=', actor.jobCentreId).executeTakeFirst() : undefined;
  return {
    account: {
      id: actor.accountId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      specialism: actor.specialism,
      jobCentreId: actor.jobCentreId,
      jobCentreName: centre?.name ?? null,
    },
    csrfToken,
  };
}

export async function registerAuthRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config, audit } = deps;

  app.get('/api/v1/auth/methods', {
    config: { policy: PUBLIC },
    schema: {
      tags: ['Autenticazione'],
      summary: 'Metodi di accesso disponibili',
      response: { 200: z.object({ password: z.boolean(), oidc: z.object({ enabled: z.boolean(), label: z.string() }) }) },
    },
    handler: async () => ({ password: true, oidc: { enabled: config.oidc !== null, label: config.oidc?.label ?? '' } }),
  });

  app.post('/api/v1/auth/login', {
    config: { policy: PUBLIC, rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['Autenticazione'],
      summary: 'Accesso con nome utente e password',
      body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
      response: { 200: SessionResponse },
    },
    handler: async (request, reply) => {
      const { username, password } = request.body;
      const account = await db.selectFrom('accounts').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
      const ctx = requestContext(request);
      if (account?.locked_until && account.locked_until > new Date()) throw problems.locked(account.locked_until);
      const ok = account?.active === true && (await verifyPassword(account.password_hash, password));
      if (!account || !ok) {
        if (account) {
          const failures = account.failed_logins + 1;
          const lock = failures >= config.login.maxFailures;
          await inTransaction(db, async (tx) => {
            await tx.db
              .updateTable('accounts')
              .set({
                failed_logins: lock ? 0 : failures,
                locked_until: lock ? new Date(Date.now() + config.login.lockMinutes * 60_000) : account.locked_until,
              })
              .where('id', '=', account.id)
              .execute();
            await audit.record(tx, { actor: null, ctx }, { action: 'login_failed', recordType: 'account', recordIds: [account.id], outcome: 'failed' });
          });
        }
        throw problems.invalidCredentials();
      }
      const session = await startSession(db, config, account.id, 'password', { ip: ctx.ip, userAgent: request.headers['user-agent'] ?? null });
      await inTransaction(db, async (tx) => {
        await tx.db.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', account.id).execute();
        const actor = actorFromAccount(account, hashToken(session.token), 'password');
        await audit.record(tx, { actor, ctx }, { action: 'login', recordType: 'account', recordIds: [account.id] });
      });
      setSessionCookie(reply, config, session);
      return sessionBody(
        deps,
        {
          accountId: account.id,
          username: account.username,
          displayName: account.display_name,
          role: account.role as Actor['role'],
          specialism: account.specialism as Actor['specialism'],
          jobCentreId: account.job_centre_id,
        },
        session.csrfToken,
      );
    },
  });

  app.get('/api/v1/auth/session', {
    config: { policy: authenticated('own', 'ordinary') },
    schema: { tags: ['Autenticazione'], summary: 'Sessione corrente', response: { 200: SessionResponse } },
    handler: async (request) => {
      const actor = request.actor as Actor;
      return sessionBody(deps, actor, csrfTokenOf(request) ?? '');
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { policy: authenticated('own', 'ordinary') },
    schema: { tags: ['Autenticazione'], summary: 'Uscita', response: { 204: z.null().describe('Sessione chiusa') } },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(db, token);
      await inTransaction(db, (tx) =>
        audit.record(
          tx,
          { actor: request.actor, ctx: requestContext(request) },
          { action: 'logout', recordType: 'account', recordIds: [request.actor?.accountId ?? ''] },
        ),
      );
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  });
}
