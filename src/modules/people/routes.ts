import { z } from 'zod';
import type { Actor, Role } from '../../platform/access/actor.ts';
import { rolesPolicy } from '../../platform/access/policy.ts';
import { ROLE_LABELS_IT } from '../../platform/access/roleLabels.ts';
import { isCalendarDate, romeDateOf } from '../../platform/dates.ts';
import { problems } from '../../platform/http/problems.ts';
import { type App, type AppDeps, requestContext } from '../../platform/http/server.ts';
import { CASEWORKERS, STAFF_READERS } from './access.ts';
import type { NationalLabourSystem } from './national/port.ts';
import { auditRead, PersonParams } from './reads.ts';
import { statusView } from './statusStore.ts';
import { consultationsOf, findPersonView, searchPeople } from './store.ts';
import { ChangeAddressInput, changeAddress } from './useCases/ChangeAddress.ts';
import { DeclareAvailabilityInput, declareAvailability, RevokeDeclarationInput, revokeDeclaration } from './useCases/DeclareAvailability.ts';
import { MergePeopleInput, mergePeople, RevertMergeInput, revertMerge } from './useCases/MergePeople.ts';
import { receiveNationalDeclarations } from './useCases/ReceiveNationalDeclarations.ts';
import { RegisterPersonInput, registerPerson } from './useCases/RegisterPerson.ts';

const StatusOnSchema = z.object({
  state: z.string(),
  since: z.string().nullable(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  legalBasis: z.string(),
  confidence: z.string(),
  detail: z.string().nullable(),
  paySource: z.string().nullable(),
  unemploymentDays: z.number().int(),
});

const StatusViewSchema = z.object({
  date: z.string(),
  current: StatusOnSchema,
  periods: z.array(
    z.object({
      from: z.string(),
      to: z.string().nullable(),
      state: z.string(),
      ruleId: z.string(),
      ruleTitle: z.string(),
      legalBasis: z.string(),
      confidence: z.string(),
      detail: z.string().nullable(),
      paySource: z.string().nullable(),
      incomeLimit: z.object({ amount: z.number(), source: z.string() }).nullable(),
    }),
  ),
  declarations: z.array(
    z.object({
      id: z.string(),
      declaredOn: z.string(),
      channel: z.string(),
      atRiskUntil: z.string().nullable(),
      revokedOn: z.string().nullable(),
      revocationReason: z.string().nullable(),
    }),
  ),
  missingIncomeLimitYears: z.array(z.number().int()),
});

const OnDate = z.object({ date: z.string().refine(isCalendarDate, 'data nel formato AAAA-MM-GG').optional() });

const Place = z.object({ municipalityName: z.string().nullable(), address: z.string().nullable() }).nullable();
const PersonSchema = z.object({
  id: z.string(),
  taxCode: z.string(),
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
  version: z.number().int(),
  specialCategory: z.object({ notes: z.string().nullable() }).nullable().optional(),
  hiddenFields: z.array(z.string()),
});

export async function registerPeopleRoutes(app: App, deps: AppDeps, national: NationalLabourSystem): Promise<void> {
  const { db } = deps;

  app.post('/api/v1/people', {
    config: { policy: rolesPolicy(CASEWORKERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary:
        'Registra una persona con il suo codice fiscale (409 se già registrata; 422 se i dati dichiarati non corrispondono al codice e non sono confermati con un motivo)',
      operationId: 'registerPerson',
      'x-problems': {
        409: 'Persona già registrata con questo codice fiscale',
        422: 'Dati dichiarati diversi da quelli del codice fiscale: confermarli con un motivo',
      },
      body: RegisterPersonInput,
      response: {
        201: z.object({
          id: z.string(),
          jobCentre: z.object({ id: z.string(), name: z.string() }),
          homonymNotices: z.array(z.object({ personId: z.string().nullable(), message: z.string() })),
          overriddenWarnings: z.array(z.string()),
          linkedDeclarations: z.number().int(),
          linkedNotices: z.number().int().describe('comunicazioni obbligatorie già ricevute e ora collegate alla persona'),
        }),
      },
    },
    handler: async (request, reply) => {
      const result = await registerPerson(deps, request.actor as Actor, requestContext(request), request.body);
      return reply.code(201).send(result);
    },
  });

  app.get('/api/v1/people/:personId/employment-status', {
    config: { policy: rolesPolicy(STAFF_READERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary: 'Stato occupazionale in una data, con i periodi e la base giuridica di ogni cambiamento',
      operationId: 'getEmploymentStatus',
      params: PersonParams,
      querystring: OnDate,
      response: { 200: StatusViewSchema },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const person = await findPersonView(db, actor, request.params.personId);
      if (!person) throw problems.notFound();
      const view = await statusView(db, person.id, request.query.date ?? romeDateOf());
      await auditRead(
        deps,
        { actor, ctx: requestContext(request) },
        {
          recordType: 'employment_status',
          recordIds: [person.id],
          subjectPersonIds: [person.id],
          fields: ['employmentStatus'],
          purpose: 'consultazione stato occupazionale',
        },
      );
      return view;
    },
  });

  app.patch('/api/v1/people/:personId/address', {
    config: { policy: rolesPolicy(CASEWORKERS, 'scoped', 'protected') },
    schema: {
      tags: ['Persone'],
      summary: 'Modifica residenza o domicilio con un motivo (il centro competente segue il domicilio, altrimenti la residenza)',
      operationId: 'changePersonAddress',
      'x-problems': { 409: 'Versione non aggiornata: la scheda è stata modificata nel frattempo' },
      params: PersonParams,
      body: ChangeAddressInput,
      response: {
        200: z.object({
          id: z.string(),
          version: z.number().int(),
          jobCentre: z.object({ id: z.string(), name: z.string() }),
          movedToAnotherJobCentre: z.boolean(),
        }),
      },
    },
    handler: async (request) => changeAddress(deps, request.actor as Actor, requestContext(request), request.params.personId, request.body),
  });

  app.post('/api/v1/people/:personId/availability-declarations', {
    config: { policy: rolesPolicy(CASEWORKERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary: 'Registra una dichiarazione di immediata disponibilità resa al centro per l’impiego',
      operationId: 'declareAvailability',
      params: PersonParams,
      body: DeclareAvailabilityInput,
      response: { 201: z.object({ id: z.string(), status: z.object({ state: z.string(), since: z.string().nullable(), ruleId: z.string() }).loose() }) },
    },
    handler: async (request, reply) => {
      const result = await declareAvailability(deps, request.actor as Actor, requestContext(request), request.params.personId, request.body);
      return reply.code(201).send({ id: result.id, status: { state: result.status.state, since: result.status.since, ruleId: result.status.ruleId } });
    },
  });

  app.post('/api/v1/people/:personId/availability-declarations/:declarationId/revocation', {
    config: { policy: rolesPolicy(CASEWORKERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary: 'Revoca una dichiarazione di immediata disponibilità, con data e motivo',
      operationId: 'revokeAvailabilityDeclaration',
      params: PersonParams.extend({ declarationId: z.uuid({ message: 'identificativo non valido' }) }),
      body: RevokeDeclarationInput,
      response: { 200: z.object({ id: z.string(), status: z.object({ state: z.string(), since: z.string().nullable(), ruleId: z.string() }) }) },
    },
    handler: async (request) => {
      const result = await revokeDeclaration(
        deps,
        request.actor as Actor,
        requestContext(request),
        request.params.personId,
        request.params.declarationId,
        request.body,
      );
      return { id: result.id, status: { state: result.status.state, since: result.status.since, ruleId: result.status.ruleId } };
    },
  });

  app.post('/api/v1/people/merges', {
    config: { policy: rolesPolicy(CASEWORKERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary: 'Unisce una scheda duplicata a quella che resta, con un motivo (reversibile)',
      operationId: 'mergePeople',
      'x-problems': {
        409: 'Una delle due schede è già stata unita a un’altra',
        422: 'Codici che differiscono solo per omocodia: persone diverse, non unibili',
      },
      body: MergePeopleInput,
      response: {
        201: z.object({ mergeId: z.string(), survivorId: z.string(), mergedId: z.string(), moved: z.record(z.string(), z.number().int()) }),
      },
    },
    handler: async (request, reply) => reply.code(201).send(await mergePeople(deps, request.actor as Actor, requestContext(request), request.body)),
  });

  app.post('/api/v1/people/merges/:mergeId/reversal', {
    config: { policy: rolesPolicy(CASEWORKERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary: 'Annulla un’unione di schede: i dati spostati tornano alla scheda di origine',
      operationId: 'revertPeopleMerge',
      'x-problems': { 409: 'Unione già annullata' },
      params: z.object({ mergeId: z.uuid({ message: 'identificativo non valido' }) }),
      body: RevertMergeInput,
      response: { 200: z.object({ mergeId: z.string(), survivorId: z.string(), restoredId: z.string() }) },
    },
    handler: async (request) => revertMerge(deps, request.actor as Actor, requestContext(request), request.params.mergeId, request.body.reason),
  });

  app.post('/api/v1/national-system/declarations/sync', {
    config: { policy: rolesPolicy(['agency_admin'], 'region', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary: 'Riceve dal sistema nazionale le nuove dichiarazioni di immediata disponibilità e le applica',
      operationId: 'syncNationalDeclarations',
      response: { 200: z.object({ received: z.number().int(), applied: z.number().int(), waitingForRegistration: z.number().int() }) },
    },
    handler: async (request) => receiveNationalDeclarations({ ...deps, national }, { actor: request.actor, ctx: requestContext(request) }),
  });

  app.get('/api/v1/me/employment-status', {
    config: { policy: rolesPolicy(['citizen'], 'own', 'ordinary') },
    schema: {
      tags: ['Area personale'],
      summary: 'Il mio stato occupazionale e la sua storia, con il motivo di ogni cambiamento',
      operationId: 'getMyEmploymentStatus',
      querystring: OnDate,
      response: { 200: StatusViewSchema },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      if (!actor.personId) throw problems.notFound('Al vostro account non è ancora collegata una scheda personale.');
      return statusView(db, actor.personId, request.query.date ?? romeDateOf());
    },
  });

  app.post('/api/v1/people/search', {
    config: { policy: rolesPolicy(STAFF_READERS, 'scoped', 'protected') },
    schema: {
      tags: ['Persone'],
      summary: 'Ricerca di persone nel proprio ambito (il codice fiscale viaggia nel corpo, mai nell’URL)',
      operationId: 'searchPeople',
      body: z
        .object({
          text: z.string().trim().min(2, 'inserite almeno 2 caratteri').max(100).optional(),
          status: z.enum(['not-registered', 'unemployed', 'at-risk', 'suspended', 'employed-keeping', 'lost', 'pending']).optional(),
          occupation: z
            .string()
            .trim()
            .regex(/^\d(\.\d{1,2}){0,5}$/, 'codice CP2011 non valido (es. 5.2.2.1.0)')
            .optional()
            .describe('professione ISTAT CP2011 delle esperienze o delle professioni cercate; un codice di livello superiore comprende i sottocodici'),
          limit: z.number().int().min(1).max(100).default(50),
        })
        .refine((b) => b.text !== undefined || b.status !== undefined || b.occupation !== undefined, {
          message: 'indicate un testo da cercare, uno stato o una professione',
          path: ['text'],
        }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              givenName: z.string(),
              familyName: z.string(),
              birthDate: z.string(),
              jobCentreName: z.string().nullable(),
              status: z.string(),
              flags: z.array(z.string()),
            }),
          ),
          total: z.number().int(),
        }),
      },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const items = await searchPeople(db, actor, request.body);
      await auditRead(
        deps,
        { actor, ctx: requestContext(request) },
        {
          action: 'search',
          recordType: 'person',
          recordIds: items.map((i) => i.id),
          subjectPersonIds: items.map((i) => i.id),
          fields: ['summary'],
          purpose: 'ricerca persone',
        },
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
      params: PersonParams,
      response: { 200: PersonSchema },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const person = await findPersonView(db, actor, request.params.personId);
      if (!person) throw problems.notFound();
      const shown = ['summary', 'contacts'];
      if (person.residence !== undefined) shown.push('residence', 'domicile', 'jobCentre');
      if (person.specialCategory) shown.push('specialCategory');
      await auditRead(
        deps,
        { actor, ctx: requestContext(request) },
        {
          recordType: 'person',
          recordIds: [person.id],
          subjectPersonIds: [person.id],
          fields: shown,
          purpose: 'consultazione scheda',
        },
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
