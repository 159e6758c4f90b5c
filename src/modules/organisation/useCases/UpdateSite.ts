import { z } from 'zod';
import type { Actor, RequestContext } from '../../../platform/access/actor.ts';
import type { AuditTrail } from '../../../platform/audit/trail.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/unitOfWork.ts';
import { recordChange, staleWrite } from '../../../platform/db/versioning.ts';
import { writeEvent } from '../../../platform/events/outbox.ts';
import { problems } from '../../../platform/http/problems.ts';

export const UpdateSiteInput = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(2).max(200).optional(),
  address: z.string().trim().max(300).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +./-]{5,30}$/, 'numero di telefono non valido')
    .nullable()
    .optional(),
  email: z.email({ message: 'indirizzo email non valido' }).nullable().optional(),
  openingHours: z.string().trim().max(500).nullable().optional(),
});
export type UpdateSiteInput = z.infer<typeof UpdateSiteInput>;

const COLUMNS = { name: 'name', address: 'address', phone: 'phone', email: 'email', openingHours: 'opening_hours' } as const;

/** A manager updates the details of a site of their job centre; the agency's administrators any site. */
export async function updateSite(deps: { db: Db; audit: AuditTrail }, actor: Actor, ctx: RequestContext, siteId: string, input: UpdateSiteInput) {
  if (actor.role !== 'manager' && actor.role !== 'agency_admin') throw problems.forbidden();
  return inTransaction(deps.db, async (tx) => {
    const site = await tx.db.selectFrom('sites').selectAll().where('id', '=', siteId).forUpdate().executeTakeFirst();
    if (!site || (actor.role === 'manager' && site.job_centre_id !== actor.jobCentreId)) throw problems.notFound();
    if (site.version !== input.version) throw await staleWrite(tx, 'site', siteId, input.version, site.version);
    const changes: Record<string, string | null> = {};
    for (const [field, column] of Object.entries(COLUMNS)) {
      const value = input[field as keyof typeof COLUMNS];
      if (value !== undefined && value !== site[column]) changes[field] = value;
    }
    const fields = Object.keys(changes);
    if (fields.length === 0) return { id: site.id, version: site.version, changedFields: [] as string[] };
    const version = site.version + 1;
    await tx.db
      .updateTable('sites')
      .set({ ...Object.fromEntries(fields.map((f) => [COLUMNS[f as keyof typeof COLUMNS], changes[f]])), version, updated_at: new Date() })
      .where('id', '=', siteId)
      .execute();
    await recordChange(tx, 'site', siteId, version, fields, actor.accountId);
    await deps.audit.record(tx, { actor, ctx }, { action: 'write', recordType: 'site', recordIds: [siteId], fields, purpose: 'aggiornamento sede' });
    await writeEvent(tx, 'organisation.site.updated', siteId, { siteId, version, fields });
    return { id: site.id, version, changedFields: fields };
  });
}
