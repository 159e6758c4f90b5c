import type { Logger } from 'pino';
import { registerClassificationRoutes } from './modules/classifications/index.ts';
import { registerEmployerRoutes } from './modules/employers/index.ts';
import { registerNoticeRoutes } from './modules/notices/index.ts';
import { registerOrganisationRoutes } from './modules/organisation/index.ts';
import {
  LocalNationalSystem,
  type NationalLabourSystem,
  registerIncomeLimitRoutes,
  registerPeopleRoutes,
  registerProfileRoutes,
  registerProfilingRoutes,
} from './modules/people/index.ts';
import { registerRecordsRoutes } from './modules/people/records/routes.ts';
import { FileHeadsSink } from './platform/audit/heads.ts';
import { registerAuditRoutes } from './platform/audit/routes.ts';
import { AuditTrail } from './platform/audit/trail.ts';
import { registerOidcRoutes } from './platform/auth/oidc.ts';
import { registerAuthRoutes } from './platform/auth/routes.ts';
import type { Config } from './platform/config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { inTransaction } from './platform/db/unitOfWork.ts';
import { type App, type AppDeps, createServer, type RouteEntry } from './platform/http/server.ts';
import { registerStatusRoutes } from './platform/http/statusRoutes.ts';

export interface BuiltApp {
  app: App;
  /** The national labour-policy system adapter (a local implementation until the real connection exists). */
  national: NationalLabourSystem;
  routes: RouteEntry[];
  deps: AppDeps;
}

/** The whole Ponte HTTP application over an open database. */
export async function buildApp(config: Config, database: DatabaseHandle, logger: Logger, extraRoutes?: (app: App) => Promise<void>): Promise<BuiltApp> {
  const audit = new AuditTrail(new FileHeadsSink(config.auditHeadsFile, (head) => logger.info({ auditHead: head }, 'testa del registro di audit')));
  const deps: AppDeps = { config, db: database.db, engine: database.engine, logger, audit };
  const national = new LocalNationalSystem();
  const { app, routes } = await createServer(deps, async (server) => {
    await registerStatusRoutes(server, deps);
    await registerAuthRoutes(server, deps);
    await registerOidcRoutes(server, {
      db: deps.db,
      config,
      onLogin: (event) =>
        inTransaction(deps.db, (tx) =>
          audit.record(
            tx,
            { actor: null, ctx: { ip: event.ip, requestId: event.requestId } },
            { action: 'login', recordType: 'account', recordIds: [event.accountId], purpose: 'accesso SPID/CIE' },
          ),
        ),
    });
    await registerOrganisationRoutes(server, deps);
    await registerPeopleRoutes(server, deps, national);
    await registerIncomeLimitRoutes(server, deps);
    await registerProfileRoutes(server, deps);
    await registerProfilingRoutes(server, deps, national);
    await registerRecordsRoutes(server, deps);
    await registerNoticeRoutes(server, deps);
    await registerEmployerRoutes(server, deps);
    await registerClassificationRoutes(server, deps);
    await registerAuditRoutes(server, deps);
    if (extraRoutes) await extraRoutes(server);
  });
  return { app, routes, deps, national };
}
