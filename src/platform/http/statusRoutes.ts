import { sql } from 'kysely';
import { z } from 'zod';
import { PUBLIC } from '../access/policy.ts';
import { problems } from './problems.ts';
import type { App, AppDeps } from './server.ts';

const Status = z.object({ status: z.enum(['ok']), version: z.string(), engine: z.string().optional() });

/** GET /status as the interoperability guidelines ask, plus a readiness probe that touches the database. */
export async function registerStatusRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get('/api/v1/status', {
    config: { policy: PUBLIC },
    schema: { tags: ['Stato'], summary: 'Stato del servizio', operationId: 'getStatus', response: { 200: Status } },
    handler: async () => ({ status: 'ok' as const, version: '0.1.0' }),
  });
  app.get('/api/v1/status/ready', {
    config: { policy: PUBLIC },
    schema: { tags: ['Stato'], summary: 'Prontezza: il database risponde', operationId: 'getReadiness', response: { 200: Status } },
    handler: async () => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch {
        throw problems.unavailable('Il database non risponde.');
      }
      return { status: 'ok' as const, version: '0.1.0', engine: deps.engine };
    },
  });
}
