import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { rolesPolicy } from '../../../platform/access/policy.ts';
import { type App, type AppDeps, requestContext } from '../../../platform/http/server.ts';
import { CASEWORKERS, scopePeople } from '../access.ts';
import { auditRead, PersonParams, personInScope } from '../reads.ts';
import { exportOwnData } from './dataExport.ts';
import { renderDataExportPdf } from './pdf.ts';
import { registerPeopleExportSections } from './peopleSections.ts';

const ExportSchema = z.object({
  format: z.literal('ponte-data-export'),
  version: z.number().int(),
  generatedAt: z.string(),
  legalNote: z.string(),
  subject: z.object({ personId: z.string(), givenName: z.string(), familyName: z.string() }),
  sections: z.array(z.object({ key: z.string(), title: z.string(), data: z.unknown() })),
});

const MergePerson = z.object({ id: z.string(), givenName: z.string(), familyName: z.string(), taxCode: z.string(), birthDate: z.string() }).nullable();

/** Routes of the person's records: own-data download (JSON, PDF) and the list of a person's merges. */
export async function registerRecordsRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, audit } = deps;
  registerPeopleExportSections();

  app.get('/api/v1/me/data-export', {
    config: { policy: rolesPolicy(['citizen'], 'own', 'special') },
    schema: {
      tags: ['Area personale'],
      summary: 'Copia dei miei dati in formato JSON (artt. 15 e 20 del Regolamento UE 2016/679)',
      operationId: 'exportMyDataJson',
      response: { 200: ExportSchema },
    },
    handler: async (request, reply) => {
      const data = await exportOwnData({ db, audit }, request.actor as Actor, requestContext(request), 'json');
      reply.header('Content-Disposition', `attachment; filename="ponte-miei-dati-${data.generatedAt.slice(0, 10)}.json"`);
      return { ...data, sections: data.sections.map(({ key, title, data: content }) => ({ key, title, data: content })) };
    },
  });

  app.get('/api/v1/me/data-export/pdf', {
    config: { policy: rolesPolicy(['citizen'], 'own', 'special') },
    schema: {
      tags: ['Area personale'],
      summary: 'Copia dei miei dati in PDF, con lo stesso contenuto della versione JSON',
      operationId: 'exportMyDataPdf',
      response: {
        200: { description: 'Documento PDF', content: { 'application/pdf': { schema: z.string().describe('Documento PDF (binario)') } } },
      },
    },
    handler: async (request, reply) => {
      const data = await exportOwnData({ db, audit }, request.actor as Actor, requestContext(request), 'pdf');
      const pdf = await renderDataExportPdf(data);
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="ponte-miei-dati-${data.generatedAt.slice(0, 10)}.pdf"`)
        .send(Buffer.from(pdf) as unknown as string); // binary body: Fastify sends Buffers as they are, the declared schema only documents it
    },
  });

  app.get('/api/v1/people/:personId/merges', {
    config: { policy: rolesPolicy(CASEWORKERS, 'scoped', 'ordinary') },
    schema: {
      tags: ['Persone'],
      summary: 'Unioni di schede che riguardano la persona (come scheda che resta o come duplicato), con motivo ed eventuale annullamento',
      operationId: 'listPersonMerges',
      params: PersonParams,
      response: {
        200: z.object({
          items: z.array(
            z.object({
              mergeId: z.string(),
              role: z.enum(['survivor', 'merged']),
              survivor: MergePerson,
              merged: MergePerson,
              reason: z.string(),
              mergedAt: z.string(),
              mergedBy: z.string().nullable(),
              moved: z.record(z.string(), z.number().int()),
              revertedAt: z.string().nullable(),
              revertedBy: z.string().nullable(),
              revertReason: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => {
      const actor = request.actor as Actor;
      const personId = await personInScope(db, actor, request.params.personId);
      const merges = await db
        .selectFrom('person_merges as m')
        .leftJoin('accounts as a', 'a.id', 'm.account_id')
        .leftJoin('accounts as r', 'r.id', 'm.reverted_by')
        .select([
          'm.id',
          'm.survivor_id',
          'm.merged_id',
          'm.reason',
          'm.moved',
          'm.merged_at',
          'm.reverted_at',
          'm.revert_reason',
          'a.display_name as merged_by',
          'r.display_name as reverted_by',
        ])
        .where((eb) => eb.or([eb('m.survivor_id', '=', personId), eb('m.merged_id', '=', personId)]))
        .orderBy('m.merged_at', 'desc')
        .execute();
      const ids = [...new Set(merges.flatMap((m) => [m.survivor_id, m.merged_id]))];
      const visible = ids.length
        ? await scopePeople(
            db.selectFrom('people').select(['people.id', 'people.given_name', 'people.family_name', 'people.tax_code', 'people.birth_date']),
            actor,
          )
            .where('people.id', 'in', ids)
            .execute()
        : [];
      const byId = new Map(
        visible.map((p) => [p.id, { id: p.id, givenName: p.given_name, familyName: p.family_name, taxCode: p.tax_code, birthDate: p.birth_date }]),
      );
      const counts = (moved: unknown) => {
        const parsed = (typeof moved === 'string' ? JSON.parse(moved) : moved) as Record<string, string[]>;
        return Object.fromEntries(Object.entries(parsed ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.length : 0]));
      };
      await auditRead(
        deps,
        { actor, ctx: requestContext(request) },
        {
          recordType: 'person_merge',
          recordIds: merges.map((m) => m.id),
          subjectPersonIds: ids.length ? ids : [personId],
          fields: ['merges'],
          purpose: 'consultazione delle unioni di schede',
        },
      );
      return {
        items: merges.map((m) => ({
          mergeId: m.id,
          role: m.survivor_id === personId ? ('survivor' as const) : ('merged' as const),
          survivor: byId.get(m.survivor_id) ?? null,
          merged: byId.get(m.merged_id) ?? null,
          reason: m.reason,
          mergedAt: new Date(m.merged_at).toISOString(),
          mergedBy: m.merged_by,
          moved: counts(m.moved),
          revertedAt: m.reverted_at ? new Date(m.reverted_at).toISOString() : null,
          revertedBy: m.reverted_by,
          revertReason: m.revert_reason,
        })),
      };
    },
  });
}
