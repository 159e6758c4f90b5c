import { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { rolesPolicy } from '../access/policy.ts';
import { addDays, isCalendarDate } from '../dates.ts';
import { inTransaction } from '../db/unitOfWork.ts';
import { problems } from '../http/problems.ts';
import type { App, AppDeps } from '../http/server.ts';
import { requestContext } from '../http/server.ts';
import { AUDIT_ACTIONS } from './trail.ts';

const CalendarDay = z.string().refine(isCalendarDate, 'data nel formato AAAA-MM-GG');

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}
function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    if (typeof at !== 'string' || typeof id !== 'string') throw new Error();
    return [at, id];
  } catch {
    throw problems.badRequest('Il cursore di paginazione non è valido.');
  }
}

/** The auditor's view of the trail. Reading the trail is itself recorded. */
export async function registerAuditRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, audit } = deps;
  app.get('/api/v1/audit/entries', {
    config: { policy: rolesPolicy(['auditor', 'agency_admin'], 'region', 'ordinary') },
    schema: {
      tags: ['Audit'],
      summary: 'Registro degli accessi e delle modifiche, con filtri',
      operationId: 'listAuditEntries',
      querystring: z.object({
        from: CalendarDay.optional(),
        to: CalendarDay.optional(),
        actor: z.string().max(100).optional(),
        action: z.enum(AUDIT_ACTIONS).optional(),
        recordType: z.string().max(50).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(200).optional(),
      }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              at: z.string(),
              actorUsername: z.string().nullable(),
              actorRole: z.string().nullable(),
              actorScope: z.string().nullable(),
              action: z.string(),
              recordType: z.string(),
              recordIds: z.array(z.string()),
              fields: z.array(z.string()),
              purpose: z.string().nullable(),
              outcome: z.string(),
              ip: z.string().nullable(),
            }),
          ),
          nextCursor: z.string().nullable(),
        }),
      },
    },
    handler: async (request) => {
      const q = request.query;
      let query = db
        .selectFrom('audit_entries as e')
        .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
        .select([
          'e.id',
          'e.at',
          'a.username',
          'e.actor_role',
          'e.actor_scope',
          'e.action',
          'e.record_type',
          'e.record_ids',
          'e.fields',
          'e.purpose',
          'e.outcome',
          'e.ip',
        ])
        .orderBy('e.at', 'desc')
        .orderBy('e.id', 'desc')
        .limit(q.limit + 1);
      // Dates are Rome calendar days: from 00:00 of `from` to 00:00 of the day after `to`.
      if (q.from) query = query.where('e.at', '>=', new Date(`${q.from}T00:00:00${romeOffset(q.from)}`));
      if (q.to) query = query.where('e.at', '<', new Date(`${addDays(q.to, 1)}T00:00:00${romeOffset(addDays(q.to, 1))}`));
      if (q.actor) query = query.where('a.username', '=', q.actor.toLowerCase());
      if (q.action) query = query.where('e.action', '=', q.action);
      if (q.recordType) query = query.where('e.record_type', '=', q.recordType);
      if (q.cursor) {
        const [at, id] = decodeCursor(q.cursor);
        query = query.where((eb) => eb.or([eb('e.at', '<', new Date(at)), eb.and([eb('e.at', '=', new Date(at)), eb('e.id', '<', id)])]));
      }
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      await inTransaction(db, (tx) =>
        audit.record(
          tx,
          { actor: request.actor as Actor, ctx: requestContext(request) },
          {
            action: 'read',
            recordType: 'audit_trail',
            recordIds: page.map((r) => r.id),
            fields: ['auditEntries'],
            purpose: 'verifica del registro',
          },
        ),
      );
      return {
        items: page.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUsername: r.username,
          actorRole: r.actor_role,
          actorScope: r.actor_scope,
          action: r.action,
          recordType: r.record_type,
          recordIds: r.record_ids,
          fields: r.fields,
          purpose: r.purpose,
          outcome: r.outcome,
          ip: r.ip,
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.at, last.id) : null,
      };
    },
  });
}

/** Rome's UTC offset on a calendar date, e.g. '+01:00' or '+02:00'. */
function romeOffset(date: string): string {
  // Probe at 23:00 UTC of the day before: local midnight, before any 01:00 UTC daylight-saving switch.
  const noon = new Date(`${date}T00:00:00+01:00`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', timeZoneName: 'longOffset' })
    .formatToParts(noon)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return match?.[1] ?? '+01:00';
}
