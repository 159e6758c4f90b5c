import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import type { Actor, Role } from '../../platform/access/actor.ts';
import { rolesPolicy } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unitOfWork.ts';
import { problems } from '../../platform/http/problems.ts';
import { type App, type AppDeps, requestContext } from '../../platform/http/server.ts';
import { ImportFileError } from '../organisation/index.ts';
import { fieldAccess, scopePeople } from '../people/index.ts';
import { registerNoticesExportSection } from './exportSection.ts';
import { importNoticesFile, NOTICES_IMPORT_KIND, noticeImportSummary } from './importer.ts';
import { noticeEffect } from './model.ts';
import type { CommunicationType } from './rows.ts';
import { noticesOfPerson } from './store.ts';

/** Largest notices file accepted over HTTP (bigger files: `ponte import notices` on the command line). */
export const NOTICE_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Who may upload notices files: the agency administrators only. A file from the regional node of the national
 * mandatory-communications system covers workers of every job centre, and applying it rewrites their employment
 * status; job-centre managers may only change the records of their own centre, so letting them apply a regional
 * file would write outside their scope (and a file filtered to one centre is not what the national system sends).
 */
const UPLOADERS: Role[] = ['agency_admin'];
const STAFF_READERS: Role[] = ['operator', 'manager', 'specialist', 'provider', 'social_worker', 'agency_admin'];
const CSV_TYPE = 'CSV (text/csv, o multipart/form-data con il file nella parte «file»)';

const SummarySchema = z.object({
  runId: z.string(),
  status: z.enum(['completed', 'already-imported', 'running']).describe("'already-imported': lo stesso file era già stato importato, nulla è cambiato"),
  source: z.string(),
  total: z.number().int(),
  applied: z.number().int(),
  duplicates: z.number().int().describe('righe con un codice già ricevuto con lo stesso contenuto: nessun effetto'),
  rejected: z.array(z.object({ line: z.number().int().describe('riga del file (1 = intestazione)'), reason: z.string() })),
  peopleRecomputed: z.number().int(),
});

const NoticeSchema = z.object({
  id: z.string(),
  communicationCode: z.string(),
  previousCode: z.string().nullable(),
  communicationType: z.string().describe('INVIO, RETTIFICA, ANNULLAMENTO'),
  eventType: z.string().describe('AVV assunzione, PRO proroga, TRA trasformazione, CES cessazione'),
  sentOn: z.string(),
  employer: z.object({ taxCode: z.string(), name: z.string() }).nullable().describe('null per le persone protette, a chi non può vederne la collocazione'),
  jobStart: z.string(),
  plannedEnd: z.string().nullable(),
  contractType: z.string().nullable(),
  workingTime: z.string().nullable(),
  annualPay: z.number().nullable(),
  extensionEnd: z.string().nullable(),
  conversionDate: z.string().nullable(),
  conversionCode: z.string().nullable(),
  terminationDate: z.string().nullable(),
  terminationCause: z.string().nullable(),
  occupationCode: z.string().nullable(),
  effect: z.enum(['effective', 'rectified', 'cancelled', 'cancellation']).describe('effective: usata per lo stato occupazionale'),
  supersededBy: z.string().nullable(),
});
const NoticesSchema = z.object({
  items: z.array(NoticeSchema),
  note: z.string(),
  hiddenFields: z.array(z.string()),
});

const NOTE =
  'Lo stato occupazionale è calcolato da tutte le comunicazioni efficaci, ordinate per data dell’evento: una RETTIFICA sostituisce la comunicazione che indica, un ANNULLAMENTO la rende senza effetto (rif. §11; circ. ANPAL 1/2019).';

async function noticesView(db: Db, personId: string, showEmployer: boolean) {
  const rows = await noticesOfPerson(db, personId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      communicationCode: r.communication_code,
      previousCode: r.previous_code,
      communicationType: r.communication_type,
      eventType: r.event_type,
      sentOn: r.sent_on,
      employer: showEmployer ? { taxCode: r.employer_tax_code, name: r.employer_name } : null,
      jobStart: r.job_start,
      plannedEnd: r.planned_end,
      contractType: r.contract_type,
      workingTime: r.working_time,
      annualPay: r.annual_pay === null ? null : Number(r.annual_pay),
      extensionEnd: r.extension_end,
      conversionDate: r.conversion_date,
      conversionCode: r.conversion_code,
      terminationDate: r.termination_date,
      terminationCause: r.termination_cause,
      occupationCode: r.occupation_code,
      effect: noticeEffect({
        communicationType: r.communication_type as CommunicationType,
        supersededBy: r.superseded_code === null ? null : { code: r.superseded_code, type: r.superseded_type as CommunicationType },
      }),
      supersededBy: r.superseded_code,
    })),
    note: NOTE,
    hiddenFields: showEmployer ? [] : ['employer'],
  };
}

/** Counts bytes and fails the stream with 413 past the limit. */
function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(problems.fileTooLarge(max));
      else done(null, chunk);
    },
  });
}

function uploadProblem(error: unknown): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return problems.fileTooLarge(NOTICE_UPLOAD_MAX_BYTES);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return problems.unsupportedFileType(CSV_TYPE);
  if (code.startsWith('FST_')) return problems.badRequest('Il caricamento del file non è andato a buon fine: riprovate.');
  return error;
}

/** HTTP routes of the notices module (UNILAV employment notices). */
export async function registerNoticeRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, audit } = deps;
  registerNoticesExportSection();

  // Upload: text/csv body or multipart/form-data (part «file»), in its own context so that these parsers and the size
  // limit apply to this route only. Other content types are refused with 415.
  await app.register(async (child) => {
    await child.register(fastifyMultipart, { limits: { fileSize: NOTICE_UPLOAD_MAX_BYTES, files: 1, fields: 0, parts: 2 } });
    child.addContentTypeParser(/^text\/csv/, (_request, payload, done) => done(null, payload));
    child.addContentTypeParser(/^(?!multipart\/form-data|text\/csv).*/, (_request, _payload, done) => done(problems.unsupportedFileType(CSV_TYPE), undefined));
    child.post('/api/v1/notice-imports', {
      config: { policy: rolesPolicy(UPLOADERS, 'region', 'ordinary') },
      schema: {
        tags: ['Comunicazioni obbligatorie'],
        summary: `Importa un file di comunicazioni obbligatorie UNILAV (CSV concordato, vedi README; al massimo ${NOTICE_UPLOAD_MAX_BYTES / 1024 / 1024} MB): applica le righe valide, aggiorna lo stato occupazionale delle persone interessate e riporta ogni riga scartata con il motivo`,
        operationId: 'importEmploymentNotices',
        consumes: ['text/csv', 'multipart/form-data'],
        response: { 200: SummarySchema },
        'x-problems': { 413: 'File troppo grande', 415: 'Il file non è un CSV', 422: 'File non importabile (vuoto o intestazione non riconosciuta)' },
      },
      handler: async (request) => {
        const actor = request.actor as Actor;
        const dir = await mkdtemp(join(tmpdir(), 'ponte-upload-'));
        const path = join(dir, 'notices.csv');
        try {
          let name = `caricamento del ${new Date().toISOString().slice(0, 10)}`;
          try {
            if (request.isMultipart()) {
              const part = await request.file();
              if (part?.fieldname !== 'file') throw problems.validation([{ field: 'file', message: 'allegate il file CSV nella parte «file»' }]);
              name = part.filename || name;
              await pipeline(part.file, limitBytes(NOTICE_UPLOAD_MAX_BYTES), createWriteStream(path));
              if (part.file.truncated) throw problems.fileTooLarge(NOTICE_UPLOAD_MAX_BYTES);
            } else if (request.body instanceof Readable) {
              await pipeline(request.body, limitBytes(NOTICE_UPLOAD_MAX_BYTES), createWriteStream(path));
            } else if (request.body === undefined || request.body === null) {
              throw problems.fileNotImportable('Il file è vuoto: inviate il CSV delle comunicazioni con la riga di intestazione.');
            } else {
              throw problems.unsupportedFileType(CSV_TYPE);
            }
          } catch (error) {
            throw uploadProblem(error);
          }
          try {
            return await importNoticesFile({ db, audit }, { path, name }, { actor, ctx: requestContext(request) });
          } catch (error) {
            if (error instanceof ImportFileError) {
              if (/altro processo/.test(error.message)) throw problems.conflict(error.message);
              throw problems.fileNotImportable(error.message);
            }
            throw error;
          }
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    });
  });

  app.get('/api/v1/notice-imports/:runId', {
    config: { policy: rolesPolicy(UPLOADERS, 'region', 'ordinary') },
    schema: {
      tags: ['Comunicazioni obbligatorie'],
      summary: 'Esito di un’importazione di comunicazioni obbligatorie, con le righe scartate e il motivo',
      operationId: 'getEmploymentNoticesImport',
      params: z.object({ runId: z.uuid({ message: 'identificativo non valido' }) }),
      response: { 200: SummarySchema },
    },
    handler: async (request) => {
      const run = await db
        .selectFrom('import_runs')
        .select('id')
        .where('id', '=', request.params.runId)
        .where('kind', '=', NOTICES_IMPORT_KIND)
        .executeTakeFirst();
      if (!run) throw problems.notFound();
      return noticeImportSummary(db, run.id);
    },
  });

  app.get('/api/v1/people/:personId/notices', {
    config: { policy: rolesPolicy(STAFF_READERS, 'scoped', 'protected') },
    schema: {
      tags: ['Comunicazioni obbligatorie'],
      summary: 'Comunicazioni obbligatorie di una persona, con il loro effetto (efficace, rettificata, annullata) sullo stato occupazionale',
      operationId: 'listPersonEmploymentNotices',
      params: z.object({ personId: z.uuid({ message: 'identificativo non valido' }) }),
      response: { 200: NoticesSchema },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const person = await scopePeople(db.selectFrom('people').select(['people.id', 'people.protected_person']), actor)
        .where('people.id', '=', request.params.personId)
        .executeTakeFirst();
      if (!person) throw problems.notFound();
      const named = person.protected_person
        ? (await db
            .selectFrom('protected_person_staff')
            .select('person_id')
            .where('person_id', '=', person.id)
            .where('account_id', '=', actor.accountId)
            .executeTakeFirst()) !== undefined
        : false;
      const view = await noticesView(db, person.id, fieldAccess(actor, person, named).location);
      await inTransaction(db, (tx) =>
        audit.record(
          tx,
          { actor, ctx: requestContext(request) },
          {
            action: 'read',
            recordType: 'employment_notice',
            recordIds: view.items.map((i) => i.id),
            subjectPersonIds: [person.id],
            fields: ['employmentNotices'],
            purpose: 'consultazione comunicazioni obbligatorie',
          },
        ),
      );
      return view;
    },
  });

  app.get('/api/v1/me/notices', {
    config: { policy: rolesPolicy(['citizen'], 'own', 'ordinary') },
    schema: {
      tags: ['Area personale'],
      summary: 'Le comunicazioni obbligatorie che mi riguardano (assunzioni, proroghe, trasformazioni, cessazioni) e il loro effetto sul mio stato',
      operationId: 'listMyEmploymentNotices',
      response: { 200: NoticesSchema },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      if (!actor.personId) throw problems.notFound('Al vostro account non è ancora collegata una scheda personale.');
      return noticesView(db, actor.personId, true);
    },
  });
}
