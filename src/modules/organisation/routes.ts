import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { authenticated, rolesPolicy } from '../../platform/access/policy.ts';
import { romeDateOf } from '../../platform/dates.ts';
import { problems } from '../../platform/http/problems.ts';
import type { App, AppDeps } from '../../platform/http/server.ts';
import { requestContext } from '../../platform/http/server.ts';
import { jobCentreScopeOf } from './scope.ts';
import { figuresOf, listJobCentres, listMunicipalities, listProvinces, staffOf, territoryOf } from './store.ts';
import { UpdateSiteInput, updateSite } from './useCases/UpdateSite.ts';

const Province = z.string().regex(/^[A-Z]{2}$/, 'sigla di provincia di due lettere, es. FI');
const Uuid = z.uuid({ message: 'identificativo non valido' });

const SiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  address: z.string().nullable(),
  municipalityName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  openingHours: z.string().nullable(),
  version: z.number().int(),
});

const JobCentreSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  municipalityIstatCode: z.string(),
  municipalityName: z.string(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  sites: z.array(SiteSchema),
});

export async function registerOrganisationRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const tags = ['Organizzazione'];

  app.get('/api/v1/job-centres', {
    config: { policy: authenticated('reference', 'none') },
    schema: {
      tags,
      summary: "Centri per l'Impiego visibili e loro sedi",
      operationId: 'listJobCentres',
      querystring: z.object({ province: Province.optional() }),
      response: { 200: z.object({ items: z.array(JobCentreSchema), total: z.number().int() }) },
    },
    handler: async (request) => {
      const items = await listJobCentres(db, jobCentreScopeOf(request.actor as Actor), { province: request.query.province });
      return { items, total: items.length };
    },
  });

  app.get('/api/v1/job-centres/:jobCentreId', {
    config: { policy: authenticated('reference', 'none') },
    schema: {
      tags,
      summary: "Un Centro per l'Impiego, le sue sedi e il suo territorio",
      operationId: 'getJobCentre',
      params: z.object({ jobCentreId: Uuid }),
      response: { 200: JobCentreSchema.extend({ municipalities: z.array(z.object({ istatCode: z.string(), name: z.string() })) }) },
    },
    handler: async (request) => {
      const [centre] = await listJobCentres(db, jobCentreScopeOf(request.actor as Actor), { ids: [request.params.jobCentreId] });
      if (!centre) throw problems.notFound();
      return { ...centre, municipalities: await territoryOf(db, centre.id, romeDateOf()) };
    },
  });

  app.get('/api/v1/job-centres/:jobCentreId/staff', {
    config: { policy: rolesPolicy(['manager', 'agency_admin'], 'scoped', 'ordinary') },
    schema: {
      tags,
      summary: "Personale di un Centro per l'Impiego",
      operationId: 'listJobCentreStaff',
      params: z.object({ jobCentreId: Uuid }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string(), username: z.string() })) }) },
    },
    handler: async (request) => {
      const [centre] = await listJobCentres(db, jobCentreScopeOf(request.actor as Actor), { ids: [request.params.jobCentreId] });
      if (!centre) throw problems.notFound();
      return { items: await staffOf(db, centre.id) };
    },
  });

  app.get('/api/v1/job-centres/:jobCentreId/figures', {
    config: { policy: rolesPolicy(['manager', 'agency_admin'], 'scoped', 'none') },
    schema: {
      tags,
      summary: "Dati di sintesi di un Centro per l'Impiego",
      operationId: 'getJobCentreFigures',
      params: z.object({ jobCentreId: Uuid }),
      response: {
        200: z.object({
          people: z.number().int(),
          employers: z.number().int(),
          sites: z.number().int(),
          staff: z.number().int(),
          municipalities: z.number().int(),
        }),
      },
    },
    handler: async (request) => {
      const [centre] = await listJobCentres(db, jobCentreScopeOf(request.actor as Actor), { ids: [request.params.jobCentreId] });
      if (!centre) throw problems.notFound();
      return figuresOf(db, centre.id);
    },
  });

  app.patch('/api/v1/sites/:siteId', {
    config: { policy: rolesPolicy(['manager', 'agency_admin'], 'scoped', 'none') },
    schema: {
      tags,
      summary: 'Aggiorna i dati di una sede (con controllo di versione)',
      operationId: 'updateSite',
      'x-problems': { 409: 'Versione non aggiornata: la sede è stata modificata nel frattempo' },
      params: z.object({ siteId: Uuid }),
      body: UpdateSiteInput,
      response: { 200: z.object({ id: z.string(), version: z.number().int(), changedFields: z.array(z.string()) }) },
    },
    handler: async (request) => updateSite(deps, request.actor as Actor, requestContext(request), request.params.siteId, request.body),
  });

  app.get('/api/v1/provinces', {
    config: { policy: authenticated('reference', 'none') },
    schema: {
      tags,
      summary: 'Province con numero di comuni e di Centri per l’Impiego',
      operationId: 'listProvinces',
      response: {
        200: z.object({
          items: z.array(z.object({ code: z.string(), name: z.string(), jobCentreCount: z.number().int(), municipalityCount: z.number().int() })),
        }),
      },
    },
    // Provinces and municipalities are public reference data: everyone picks from the whole region (e.g. a domicile elsewhere).
    handler: async () => ({ items: await listProvinces(db, { kind: 'region' }) }),
  });

  app.get('/api/v1/municipalities', {
    config: { policy: authenticated('reference', 'none') },
    schema: {
      tags,
      summary: 'Comuni con coordinate e Centro per l’Impiego competente',
      operationId: 'listMunicipalities',
      querystring: z.object({ province: Province.optional() }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              istatCode: z.string(),
              name: z.string(),
              provinceCode: z.string(),
              latitude: z.number().nullable(),
              longitude: z.number().nullable(),
              jobCentreId: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => ({
      items: await listMunicipalities(db, { kind: 'region' }, request.query.province, romeDateOf()),
    }),
  });
}
