import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor, Role } from '../../../platform/access/actor.ts';
import { authenticated, type RoutePolicy, rolesPolicy } from '../../../platform/access/policy.ts';
import { problems } from '../../../platform/http/problems.ts';
import { type App, type AppDeps, requestContext } from '../../../platform/http/server.ts';
import { CASEWORKERS } from '../access.ts';
import {
  CEFR_LEVELS,
  CEFR_SOURCE,
  COMMON_LANGUAGES,
  CONTRACT_TYPES,
  DIGCOMP_AREAS,
  DIGCOMP_SOURCE,
  DRIVING_LICENCES,
  DRIVING_LICENCES_SOURCE,
  EDUCATION_TITLES,
  EDUCATION_TITLES_SOURCE,
  PROFILE_STEPS,
  WORKING_TIMES,
} from './reference.ts';
import {
  AvailabilityInput,
  EducationInput,
  EducationUpdate,
  ExperienceInput,
  ExperienceUpdate,
  LicencesInput,
  RowVersion,
  SkillsInput,
  StepInput,
} from './schemas.ts';
import { ownPersonId, type ProfileView } from './store.ts';
import { addEducation } from './useCases/AddEducation.ts';
import { addExperience } from './useCases/AddExperience.ts';
import type { Caller, ProfileDeps } from './useCases/common.ts';
import { markStepDone } from './useCases/MarkStepDone.ts';
import { downloadCv, readProfile } from './useCases/ReadProfile.ts';
import { removeEducation } from './useCases/RemoveEducation.ts';
import { removeExperience } from './useCases/RemoveExperience.ts';
import { updateAvailability } from './useCases/UpdateAvailability.ts';
import { updateEducation } from './useCases/UpdateEducation.ts';
import { updateExperience } from './useCases/UpdateExperience.ts';
import { updateLicences } from './useCases/UpdateLicences.ts';
import { updateSkills } from './useCases/UpdateSkills.ts';
import { uploadCv } from './useCases/UploadCv.ts';

const STAFF_READERS: Role[] = ['operator', 'manager', 'specialist', 'provider', 'social_worker', 'agency_admin'];
const Id = z.uuid({ message: 'identificativo non valido' });

const ProfileSchema = z.object({
  personId: z.string(),
  version: z.number().int().describe('versione delle sezioni del profilo (0 = nessun dato salvato): da rimandare nelle modifiche'),
  updatedAt: z.string().nullable(),
  completedSteps: z.array(z.string()),
  completion: z.object({
    percent: z.number().int(),
    steps: z.record(z.string(), z.boolean()),
    nextStep: z.string().nullable(),
  }),
  education: z.array(
    z.object({
      id: z.string(),
      titleCode: z.string(),
      title: z.string(),
      eqfLevel: z.number().int().nullable(),
      iscedLevel: z.number().int().nullable(),
      levelConfidence: z.string().describe("V = livello come nella fonte; U = livello non verificato sull'atto"),
      fieldOfStudy: z.string().nullable(),
      institution: z.string().nullable(),
      completedYear: z.number().int().nullable(),
      country: z.string().nullable(),
      version: z.number().int(),
    }),
  ),
  experiences: z.array(
    z.object({
      id: z.string(),
      employerName: z.string().nullable(),
      employerTaxCode: z.string().nullable(),
      occupationCode: z.string(),
      occupationLabel: z.string().nullable(),
      sectorCode: z.string().nullable(),
      sectorLabel: z.string().nullable(),
      startedOn: z.string(),
      endedOn: z.string().nullable(),
      contractType: z.string().nullable(),
      description: z.string().nullable(),
      version: z.number().int(),
    }),
  ),
  skills: z.array(z.object({ id: z.string(), uri: z.string(), label: z.string() })),
  languages: z.array(z.object({ language: z.string(), motherTongue: z.boolean(), level: z.string().nullable() })),
  drivingLicences: z.array(z.string()),
  digitalSkills: z.record(z.string(), z.number().int()),
  availability: z.object({
    wantedOccupations: z.array(z.object({ code: z.string(), label: z.string().nullable() })),
    wantedContractTypes: z.array(z.string()),
    workingTime: z.array(z.string()),
    maxDistanceKm: z.number().int().nullable(),
    ownVehicle: z.boolean().nullable(),
    availableFrom: z.string().nullable(),
    notes: z.string().nullable(),
  }),
  cv: z.object({ id: z.string(), fileName: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.string() }).nullable(),
  hiddenFields: z.array(z.string()),
});

const ReferenceSchema = z.object({
  educationTitles: z.object({
    source: z.string(),
    items: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        labelEn: z.string(),
        eqfLevel: z.number().int().nullable(),
        iscedLevel: z.number().int(),
        confidence: z.string(),
      }),
    ),
  }),
  cefrLevels: z.object({ source: z.string(), items: z.array(z.string()) }),
  languages: z.array(z.string()),
  drivingLicences: z.object({ source: z.string(), items: z.array(z.string()) }),
  digitalSkillAreas: z.object({
    source: z.string(),
    items: z.array(z.object({ code: z.string(), number: z.number().int(), label: z.string(), labelEn: z.string() })),
  }),
  contractTypes: z.array(z.object({ code: z.string(), label: z.string(), labelEn: z.string(), confidence: z.string() })),
  workingTimes: z.array(z.string()),
  steps: z.array(z.string()),
  cvMaxBytes: z.number().int(),
});

type ProfileRequest = FastifyRequest & { params: { personId?: string; educationId?: string; experienceId?: string } };

interface Face {
  prefix: string;
  tag: string;
  readPolicy: RoutePolicy;
  writePolicy: RoutePolicy;
  params: z.ZodObject;
  /** operationId prefix */
  op: string;
  who: string;
  personOf: (request: ProfileRequest) => string;
}

const PROBLEMS_409 = { 409: 'Dati modificati nel frattempo (currentVersion, changedFields)' };

type SectionUseCase<I> = (deps: ProfileDeps, caller: Caller, personId: string, input: I) => Promise<ProfileView>;
type RowUseCase<I> = (deps: ProfileDeps, caller: Caller, personId: string, rowId: string, input: I) => Promise<ProfileView>;

/** A list of rows of the profile (education titles, experiences) and the use cases that add, correct and remove one. */
interface RowList<A extends z.ZodType, U extends z.ZodType> {
  path: string;
  idName: string;
  /** operationId suffix */
  name: string;
  /** "un titolo di studio": the object of the summaries */
  what: string;
  addDetail: string;
  add: A;
  update: U;
  onAdd: SectionUseCase<z.infer<A>>;
  onUpdate: RowUseCase<z.infer<U>>;
  onRemove: RowUseCase<number>;
}

/** HTTP routes of the professional profile (SAP), for staff (/people/:personId/profile) and for the citizen (/me/profile). */
export async function registerProfileRoutes(app: App, deps: AppDeps): Promise<void> {
  const maxBytes = deps.config.cvMaxBytes;
  const caller = (request: FastifyRequest): Caller => ({ actor: request.actor as Actor, ctx: requestContext(request) });

  app.get('/api/v1/profile/reference', {
    config: { policy: authenticated('reference', 'none') },
    schema: {
      tags: ['Profilo professionale'],
      summary: 'Tabelle di riferimento del profilo: titoli di studio con livelli EQF/ISCED, livelli QCER, patenti, aree DigComp 2.2, contratti',
      operationId: 'getProfileReference',
      response: { 200: ReferenceSchema },
    },
    handler: async () => ({
      educationTitles: { source: EDUCATION_TITLES_SOURCE, items: [...EDUCATION_TITLES] },
      cefrLevels: { source: CEFR_SOURCE, items: [...CEFR_LEVELS] },
      languages: [...COMMON_LANGUAGES],
      drivingLicences: { source: DRIVING_LICENCES_SOURCE, items: [...DRIVING_LICENCES] },
      digitalSkillAreas: { source: DIGCOMP_SOURCE, items: DIGCOMP_AREAS.map((a) => ({ ...a })) },
      contractTypes: [...CONTRACT_TYPES],
      workingTimes: [...WORKING_TIMES],
      steps: [...PROFILE_STEPS],
      cvMaxBytes: maxBytes,
    }),
  });

  const faces: Face[] = [
    {
      prefix: '/api/v1/people/:personId/profile',
      tag: 'Profilo professionale',
      readPolicy: rolesPolicy(STAFF_READERS, 'scoped', 'protected'),
      writePolicy: rolesPolicy(CASEWORKERS, 'scoped', 'protected'),
      params: z.object({ personId: Id }),
      op: '',
      who: 'di una persona',
      personOf: (request) => request.params.personId as string,
    },
    {
      prefix: '/api/v1/me/profile',
      tag: 'Area personale',
      readPolicy: rolesPolicy(['citizen'], 'own', 'ordinary'),
      writePolicy: rolesPolicy(['citizen'], 'own', 'ordinary'),
      params: z.object({}),
      op: 'My',
      who: 'mio',
      personOf: (request) => ownPersonId(request.actor as Actor),
    },
  ];

  for (const face of faces) {
    const { prefix, params, op } = face;
    const tags = [face.tag];
    const personOf = (request: FastifyRequest) => face.personOf(request as ProfileRequest);

    app.get(prefix, {
      config: { policy: face.readPolicy },
      schema: {
        tags,
        summary: `Profilo professionale (SAP) ${face.who}: titoli, esperienze, competenze, lingue, patenti, disponibilità, curriculum, completamento`,
        operationId: `get${op}Profile`,
        params,
        response: { 200: ProfileSchema },
      },
      handler: async (request) => readProfile(deps, caller(request), personOf(request)),
    });

    // Profile-level sections: replaced as a whole, with the profile's version.
    const section = <B extends z.ZodType>(path: string, name: string, summary: string, body: B, run: SectionUseCase<z.infer<B>>) =>
      app.put(`${prefix}/${path}`, {
        config: { policy: face.writePolicy },
        schema: { tags, summary, operationId: `update${op}Profile${name}`, params, body, response: { 200: ProfileSchema }, 'x-problems': PROBLEMS_409 },
        handler: async (request) => run(deps, caller(request), personOf(request), request.body as z.infer<B>),
      });
    section('skills', 'Skills', 'Sostituisce competenze (ESCO) e lingue (QCER) del profilo; richiede la versione del profilo', SkillsInput, updateSkills);
    section(
      'licences',
      'Licences',
      'Sostituisce patenti di guida e competenze digitali (DigComp 2.2, livelli 1–8); richiede la versione del profilo',
      LicencesInput,
      updateLicences,
    );
    section(
      'availability',
      'Availability',
      'Disponibilità: professioni cercate (CP2011), contratti, orario, distanza massima, mezzo proprio, data; richiede la versione del profilo',
      AvailabilityInput,
      updateAvailability,
    );

    // Lists of rows: added one at a time, corrected and removed with the row's version.
    const rows = <A extends z.ZodType, U extends z.ZodType>(list: RowList<A, U>) => {
      const rowParams = params.extend({ [list.idName]: Id });
      const rowId = (request: FastifyRequest) => (request.params as Record<string, string>)[list.idName] as string;
      app.post(`${prefix}/${list.path}`, {
        config: { policy: face.writePolicy },
        schema: {
          tags,
          summary: `Aggiunge ${list.what} (${list.addDetail})`,
          operationId: `add${op}${list.name}`,
          params,
          body: list.add,
          response: { 201: ProfileSchema },
        },
        handler: async (request, reply) => reply.code(201).send(await list.onAdd(deps, caller(request), personOf(request), request.body as z.infer<A>)),
      });
      app.put(`${prefix}/${list.path}/:${list.idName}`, {
        config: { policy: face.writePolicy },
        schema: {
          tags,
          summary: `Corregge ${list.what}; richiede la versione della riga`,
          operationId: `update${op}${list.name}`,
          params: rowParams,
          body: list.update,
          response: { 200: ProfileSchema },
          'x-problems': PROBLEMS_409,
        },
        handler: async (request) => list.onUpdate(deps, caller(request), personOf(request), rowId(request), request.body as z.infer<U>),
      });
      app.delete(`${prefix}/${list.path}/:${list.idName}`, {
        config: { policy: face.writePolicy },
        schema: {
          tags,
          summary: `Rimuove ${list.what} (con la versione della riga)`,
          operationId: `remove${op}${list.name}`,
          params: rowParams,
          querystring: RowVersion,
          response: { 200: ProfileSchema },
          'x-problems': PROBLEMS_409,
        },
        handler: async (request) => list.onRemove(deps, caller(request), personOf(request), rowId(request), request.query.version),
      });
    };
    rows({
      path: 'education',
      idName: 'educationId',
      name: 'Education',
      what: 'un titolo di studio',
      addDetail: 'livelli EQF e ISCED dalla tabella dei titoli italiani',
      add: EducationInput,
      update: EducationUpdate,
      onAdd: addEducation,
      onUpdate: updateEducation,
      onRemove: removeEducation,
    });
    rows({
      path: 'experiences',
      idName: 'experienceId',
      name: 'Experience',
      what: 'un’esperienza di lavoro',
      addDetail: 'professione CP2011, settore ATECO, date, contratto',
      add: ExperienceInput,
      update: ExperienceUpdate,
      onAdd: addExperience,
      onUpdate: updateExperience,
      onRemove: removeExperience,
    });

    app.get(`${prefix}/cv`, {
      config: { policy: face.readPolicy },
      schema: {
        tags,
        summary: 'Scarica il curriculum vitae (PDF) attuale',
        operationId: `download${op}Cv`,
        params,
        produces: ['application/pdf'],
      },
      handler: async (request, reply) => {
        const cv = await downloadCv(deps, caller(request), personOf(request));
        const ascii = cv.fileName.replace(/[^\x20-\x7e]/g, '_');
        return reply
          .header('content-type', cv.mediaType)
          .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(cv.fileName)}`)
          .header('x-content-type-options', 'nosniff')
          .send(cv.content);
      },
    });
  }

  app.put('/api/v1/me/profile/progress', {
    config: { policy: rolesPolicy(['citizen'], 'own', 'ordinary') },
    schema: {
      tags: ['Area personale'],
      summary: 'Profilo guidato: segna un passo come salvato, per riprendere da lì la volta successiva',
      operationId: 'markMyProfileStep',
      body: StepInput,
      response: { 200: ProfileSchema },
    },
    handler: async (request) => markStepDone(deps, caller(request), ownPersonId(request.actor as Actor), request.body),
  });

  // CV upload: multipart/form-data with one part named "file", in its own context so that the multipart parser and the
  // size limit apply to these routes only. Any other content type is refused with 415.
  await app.register(async (child) => {
    await child.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 2 } });
    child.addContentTypeParser(/^(?!multipart\/form-data).*/, (_request, _payload, done) =>
      done(problems.unsupportedFileType('PDF (application/pdf) inviato come multipart/form-data'), undefined),
    );
    for (const face of faces) {
      child.put(`${face.prefix}/cv`, {
        config: { policy: face.writePolicy },
        schema: {
          tags: [face.tag],
          summary: `Carica il curriculum vitae: multipart/form-data con il file PDF nella parte "file" (al massimo ${Math.round(maxBytes / 1024 / 1024)} MB; si controlla il contenuto, non solo il tipo dichiarato)`,
          operationId: `upload${face.op}Cv`,
          params: face.params,
          consumes: ['multipart/form-data'],
          response: { 200: ProfileSchema },
          'x-problems': { 413: 'File troppo grande', 415: 'Il file non è un PDF' },
        },
        handler: async (request) => {
          const personId = face.personOf(request as ProfileRequest);
          let part: Awaited<ReturnType<typeof request.file>>;
          try {
            part = await request.file();
          } catch (error) {
            throw multipartProblem(error, maxBytes);
          }
          if (part?.fieldname !== 'file') throw problems.validation([{ field: 'file', message: 'allegate il file PDF nella parte «file»' }]);
          let content: Buffer;
          try {
            content = await part.toBuffer();
          } catch (error) {
            throw multipartProblem(error, maxBytes);
          }
          return uploadCv(deps, caller(request), personId, { fileName: part.filename, declaredType: part.mimetype, content }, maxBytes);
        },
      });
    }
  });
}

function multipartProblem(error: unknown, maxBytes: number) {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return problems.fileTooLarge(maxBytes);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return problems.unsupportedFileType('PDF (application/pdf) inviato come multipart/form-data');
  if (code.startsWith('FST_') || code.startsWith('FST_ERR')) return problems.badRequest('Il caricamento del file non è andato a buon fine: riprovate.');
  return error;
}
