import { z } from 'zod';
import type { Actor, Role } from '../../platform/access/actor.ts';
import { rolesPolicy } from '../../platform/access/policy.ts';
import { ROLE_LABELS_IT } from '../../platform/access/roleLabels.ts';
import { inTransaction } from '../../platform/db/unitOfWork.ts';
import { problems } from '../../platform/http/problems.ts';
import { type App, type AppDeps, requestContext } from '../../platform/http/server.ts';
import { consultationsOf, findPersonView, searchPeople } from './store.ts';
import { RegisterPersonInput, registerPerson } from './useCases/RegisterPerson.ts';

const Place = z.object({ municipalityName: z.string().nullable(), address: z.string().nullable() }).nullable();
const PersonSchema = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  residence: Place.optional(),
  domicile: Place.optional(),
  jobCentre: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  protected: z.boolean(),
  specialCategory: z.object({ notes: z.string().nullable() }).nullable().optional(),
  hiddenFields: z.array(z.string()),
});

const STAFF_READERS: Role[] = ['operator', 'manager', 'specialist', 'provider', 'social_worker', 'agency_admin'];

export async function registerPeopleRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, audit } = deps;

  app.post('/api/v1/people', {
    config: { policy: rolesPolicy(['operator', 'manager', 'agency_admin'], 'scoped', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary:
        'Registra una persona con il suo codice fiscale (409 se già registrata; 422 se i dati dichiarati non corrispondono al codice e non sono confermati con un motivo)',
      operationId: 'registerPerson',
      body: RegisterPersonInput,
      response: {
        201: z.object({
          id: z.string(),
          jobCentre: z.object({ id: z.string(), name: z.string() }),
          homonymNotices: z.array(z.object({ personId: z.string().nullable(), message: z.string() })),
          overriddenWarnings: z.array(z.string()),
        }),
      },
    },
    handler: async (request, reply) => {
      const result = await registerPerson(deps, request.actor as Actor, requestContext(request), request.body);
      return reply.code(201).send(result);
    },
  });

  app.post('/api/v1/people/search', {
    config: { policy: rolesPolicy(STAFF_READERS, 'scoped', 'protected') },
    schema: {
      tags: ['Persone'],
      summary: 'Ricerca di persone nel proprio ambito (il codice fiscale viaggia nel corpo, mai nell’URL)',
      operationId: 'searchPeople',
      body: z.object({ text: z.string().trim().min(2, 'inserite almeno 2 caratteri').max(100), limit: z.number().int().min(1).max(100).default(50) }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              givenName: z.string(),
              familyName: z.string(),
              birthDate: z.string(),
              jobCentreName: z.string().nullable(),
              flags: z.array(z.string()),
            }),
          ),
          total: z.number().int(),
        }),
      },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const items = await searchPeople(db, actor, request.body.text, request.body.limit);
      await inTransaction(db, (tx) =>
        audit.record(
          tx,
          { actor, ctx: requestContext(request) },
          {
            action: 'search',
            recordType: 'person',
            recordIds: items.map((i) => i.id),
            subjectPersonIds: items.map((i) => i.id),
            fields: ['summary'],
            purpose: 'ricerca persone',
          },
        ),
      );
      return { items, total: items.length };
    },
  });

  app.get('/api/v1/people/:personId', {
    config: { policy: rolesPolicy(STAFF_READERS, 'scoped', 'special') },
    schema: {
      tags: ['Persone'],
      summary: 'Scheda di una persona (solo le sezioni visibili al proprio profilo)',
      operationId: 'getPerson',
      params: z.object({ personId: z.uuid({ message: 'identificativo non valido' }) }),
      response: { 200: PersonSchema },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const person = await findPersonView(db, actor, request.params.personId);
      if (!person) throw problems.notFound();
      const shown = ['summary', 'contacts'];
      if (person.residence !== undefined) shown.push('residence', 'domicile', 'jobCentre');
      if (person.specialCategory) shown.push('specialCategory');
      await inTransaction(db, (tx) =>
        audit.record(
          tx,
          { actor, ctx: requestContext(request) },
          {
            action: 'read',
            recordType: 'person',
            recordIds: [person.id],
            subjectPersonIds: [person.id],
            fields: shown,
            purpose: 'consultazione scheda',
          },
        ),
      );
      return person;
    },
  });

  app.get('/api/v1/me/person', {
    config: { policy: rolesPolicy(['citizen'], 'own', 'special') },
    schema: { tags: ['Area personale'], summary: 'I miei dati', operationId: 'getMyPerson', response: { 200: PersonSchema } },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const person = actor.personId ? await findPersonView(db, actor, actor.personId) : undefined;
      if (!person) throw problems.notFound('Al vostro account non è ancora collegata una scheda personale.');
      return person;
    },
  });

  app.get('/api/v1/me/consultations', {
    config: { policy: rolesPolicy(['citizen'], 'own', 'ordinary') },
    schema: {
      tags: ['Area personale'],
      summary: 'Chi ha consultato i miei dati',
      operationId: 'listMyConsultations',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              at: z.string(),
              actorRole: z.string(),
              actorDescription: z.string(),
              action: z.string(),
              fields: z.array(z.string()),
              purpose: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      if (!actor.personId) return { items: [] };
      const rows = await consultationsOf(db, actor.personId);
      return {
        items: rows.map((r) => ({
          at: new Date(r.at).toISOString(),
          actorRole: r.actor_role ?? '',
          actorDescription: [r.display_name, ROLE_LABELS_IT[r.actor_role as Role], r.job_centre_name].filter(Boolean).join(' — '),
          action: r.action,
          fields: r.fields,
          purpose: r.purpose,
        })),
      };
    },
  });
}
