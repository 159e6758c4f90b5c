import { z } from 'zod';
import { rolesPolicy } from '../../platform/access/policy.ts';
import type { App, AppDeps } from '../../platform/http/server.ts';
import { incomeLimitReport } from './incomeLimitReport.ts';

const IncomeLimitReportSchema = z.object({
  limits: z.array(
    z.object({
      from: z.string(),
      to: z.string().nullable(),
      employee: z.number(),
      selfEmployed: z.number(),
      source: z.string(),
      confidence: z.enum(['V', 'P', 'U']),
    }),
  ),
  pending: z.array(z.object({ year: z.number().int(), people: z.number().int() })),
});

/** Income limits for keeping the state of unemployment, and the decisions waiting for a year that has none. */
export async function registerIncomeLimitRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get('/api/v1/income-limits', {
    config: { policy: rolesPolicy(['agency_admin'], 'region', 'none') },
    schema: {
      tags: ['Persone'],
      summary:
        'Limiti di reddito per la conservazione dello stato di disoccupazione, con le fonti, e decisioni in attesa per gli anni senza limite configurato',
      operationId: 'getIncomeLimits',
      response: { 200: IncomeLimitReportSchema },
    },
    handler: async () => incomeLimitReport(deps.db),
  });
}
