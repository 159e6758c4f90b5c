import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { rolesPolicy } from '../../../platform/access/policy.ts';
import { romeDateOf } from '../../../platform/dates.ts';
import { problems } from '../../../platform/http/problems.ts';
import { type App, type AppDeps, requestContext } from '../../../platform/http/server.ts';
import { CASEWORKERS, STAFF_READERS } from '../access.ts';
import type { NationalLabourSystem } from '../national/port.ts';
import { auditRead, PersonParams, personInScope } from '../reads.ts';
import { profilingView } from './store.ts';
import { refreshOfficialProfiling } from './useCases/RefreshOfficialProfiling.ts';

const OfficialSchema = z.object({
  index: z.number().min(0).max(1),
  profilingClass: z.string(),
  referenceDate: z.string(),
  receivedAt: z.string(),
  source: z.string(),
});

export const ProfilingViewSchema = z.object({
  official: OfficialSchema.nullable(),
  history: z.array(OfficialSchema),
  classBands: z.object({ source: z.string(), confidence: z.string() }).nullable(),
  estimate: z
    .object({
      date: z.string(),
      modelId: z.string(),
      effectiveFrom: z.string(),
      source: z.string(),
      confidence: z.string(),
      base: z.number(),
      estimate: z.number(),
      estimatedClass: z.object({ profilingClass: z.string(), source: z.string(), confidence: z.string() }).nullable(),
      contributions: z.array(
        z.object({ factor: z.string(), title: z.string(), input: z.number().nullable(), band: z.string().nullable(), contribution: z.number() }),
      ),
      unknownFactors: z.array(z.string()),
      inputs: z.object({
        unemploymentDays: z.number().int().nullable(),
        eqfLevel: z.number().int().nullable(),
        experienceMonths: z.number().int().nullable(),
        age: z.number().int().nullable(),
      }),
      inputNotes: z.array(z.string()),
      notice: z.string(),
    })
    .nullable(),
});

/** HTTP routes of profiling: the official index from the national system and the local estimate. */
export async function registerProfilingRoutes(app: App, deps: AppDeps, national: NationalLabourSystem): Promise<void> {
  const { db, audit } = deps;

  app.get('/api/v1/people/:personId/profiling', {
    config: { policy: rolesPolicy(STAFF_READERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Profilazione'],
      summary:
        'Profilazione di una persona: indice e classe ufficiali ricevuti dal sistema nazionale, e stima locale orientativa con il contributo di ogni fattore',
      operationId: 'getPersonProfiling',
      params: PersonParams,
      response: { 200: ProfilingViewSchema },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const personId = await personInScope(db, actor, request.params.personId);
      const view = await profilingView(db, personId, romeDateOf());
      await auditRead(
        deps,
        { actor, ctx: requestContext(request) },
        {
          recordType: 'profiling',
          recordIds: [personId],
          subjectPersonIds: [personId],
          fields: ['officialProfiling', 'profilingEstimate'],
          purpose: 'consultazione della profilazione',
        },
      );
      return view;
    },
  });

  app.post('/api/v1/people/:personId/profiling/refresh', {
    config: { policy: rolesPolicy(CASEWORKERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Profilazione'],
      summary: 'Chiede al sistema informativo nazionale la profilazione ufficiale della persona e la registra con la data di riferimento',
      operationId: 'refreshPersonProfiling',
      params: PersonParams,
      response: {
        200: z.object({ received: z.boolean(), changed: z.boolean(), official: OfficialSchema.nullable() }),
      },
    },
    handler: async (request) => refreshOfficialProfiling({ db, audit, national }, request.actor as Actor, requestContext(request), request.params.personId),
  });

  app.get('/api/v1/me/profiling', {
    config: { policy: rolesPolicy(['citizen'], 'own', 'ordinary') },
    schema: {
      tags: ['Area personale'],
      summary: 'La mia profilazione: indice ufficiale e stima locale orientativa, con i fattori che la compongono',
      operationId: 'getMyProfiling',
      response: { 200: ProfilingViewSchema },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      if (!actor.personId) throw problems.notFound('Al vostro account non è ancora collegata una scheda personale.');
      return profilingView(db, actor.personId, romeDateOf());
    },
  });
}
