import { z } from 'zod';
import type { Actor, RequestContext } from '../../../platform/access/actor.ts';
import type { AuditTrail } from '../../../platform/audit/trail.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/unitOfWork.ts';
import { writeEvent } from '../../../platform/events/outbox.ts';
import { Problem, problems } from '../../../platform/http/problems.ts';
import { newId } from '../../../platform/ids.ts';
import { relinkNotices } from '../../notices/index.ts';
import { CASEWORKERS, lockPersonInScope } from '../access.ts';
import { recomputeStatus } from '../statusStore.ts';
import { homonymRelation } from '../taxCode.ts';

export const MergePeopleInput = z.object({
  survivorId: z.uuid({ message: 'identificativo non valido' }),
  duplicateId: z.uuid({ message: 'identificativo non valido' }),
  reason: z.string().trim().min(10, 'spiegate perché le due schede sono la stessa persona').max(1000),
});
export type MergePeopleInput = z.infer<typeof MergePeopleInput>;

export const RevertMergeInput = z.object({ reason: z.string().trim().min(5, 'indicate il motivo').max(1000) });

/** Rows that belong to a person and move with a merge: table and person column. */
const MOVABLE = [
  { table: 'availability_declarations', column: 'person_id', key: 'id' },
  { table: 'person_consents', column: 'person_id', key: 'id' },
  { table: 'person_identity_overrides', column: 'person_id', key: 'id' },
  { table: 'person_address_changes', column: 'person_id', key: 'id' },
  { table: 'employment_notices', column: 'person_id', key: 'id' },
] as const;

type Moved = Record<string, string[]>;

/**
 * Merges a duplicate record into the record that survives (the same person registered twice through
 * different channels, e.g. a provisional numeric code and later the personal one). Reversible: what moved is kept.
 */
export async function mergePeople(deps: { db: Db; audit: AuditTrail }, actor: Actor, ctx: RequestContext, input: MergePeopleInput) {
  if (!CASEWORKERS.includes(actor.role)) throw problems.forbidden();
  if (input.survivorId === input.duplicateId) throw problems.validation([{ field: 'duplicateId', message: 'le due schede devono essere diverse' }]);
  return inTransaction(deps.db, async (tx) => {
    const survivor = await lockPersonInScope(tx, actor, input.survivorId);
    const duplicate = await lockPersonInScope(tx, actor, input.duplicateId);
    if (survivor.merged_into || duplicate.merged_into) throw problems.conflict('Una delle due schede è già stata unita a un’altra.');
    if (homonymRelation(survivor.tax_code, duplicate.tax_code) === 'possible-homonym') {
      throw new Problem(
        422,
        'omonimi-non-unibili',
        'Persone diverse',
        'I due codici fiscali differiscono solo per omocodia: l’Agenzia delle Entrate li ha rilasciati a due persone diverse. Le schede non si possono unire.',
      );
    }
    const moved: Moved = {};
    for (const { table, column, key } of MOVABLE) {
      const rows = await tx.db.selectFrom(table).select(key).where(column, '=', duplicate.id).execute();
      moved[table] = rows.map((r) => (r as Record<string, string>)[key] as string);
      if (rows.length)
        await tx.db
          .updateTable(table)
          .set({ [column]: survivor.id } as never)
          .where(column, '=', duplicate.id)
          .execute();
    }
    const accounts = await tx.db.selectFrom('accounts').select('id').where('person_id', '=', duplicate.id).execute();
    moved.accounts = accounts.map((a) => a.id);
    if (accounts.length) await tx.db.updateTable('accounts').set({ person_id: survivor.id }).where('person_id', '=', duplicate.id).execute();
    await tx.db
      .updateTable('people')
      .set({ merged_into: survivor.id, version: duplicate.version + 1, updated_at: new Date() })
      .where('id', '=', duplicate.id)
      .execute();
    const mergeId = newId();
    await tx.db
      .insertInto('person_merges')
      .values({
        id: mergeId,
        survivor_id: survivor.id,
        merged_id: duplicate.id,
        reason: input.reason,
        moved: JSON.stringify(moved),
        account_id: actor.accountId,
      })
      .execute();
    await recomputeStatus(tx, survivor.id);
    await recomputeStatus(tx, duplicate.id);
    await deps.audit.record(
      tx,
      { actor, ctx },
      {
        action: 'write',
        recordType: 'person_merge',
        recordIds: [mergeId, survivor.id, duplicate.id],
        subjectPersonIds: [survivor.id, duplicate.id],
        fields: Object.entries(moved)
          .filter(([, ids]) => ids.length)
          .map(([table]) => table),
        purpose: `unione di schede duplicate: ${input.reason}`,
      },
    );
    await writeEvent(tx, 'people.person.merged', survivor.id, { mergeId, survivorId: survivor.id, mergedId: duplicate.id });
    return { mergeId, survivorId: survivor.id, mergedId: duplicate.id, moved: Object.fromEntries(Object.entries(moved).map(([k, v]) => [k, v.length])) };
  });
}

/** Undoes a merge: the rows that moved go back, the duplicate record is active again. */
export async function revertMerge(deps: { db: Db; audit: AuditTrail }, actor: Actor, ctx: RequestContext, mergeId: string, reason: string) {
  if (!CASEWORKERS.includes(actor.role)) throw problems.forbidden();
  return inTransaction(deps.db, async (tx) => {
    const merge = await tx.db.selectFrom('person_merges').selectAll().where('id', '=', mergeId).forUpdate().executeTakeFirst();
    if (!merge) throw problems.notFound();
    await lockPersonInScope(tx, actor, merge.survivor_id);
    if (merge.reverted_at) throw problems.conflict('Questa unione è già stata annullata.');
    const moved = (typeof merge.moved === 'string' ? JSON.parse(merge.moved) : merge.moved) as Moved;
    for (const { table, column, key } of MOVABLE) {
      const ids = moved[table] ?? [];
      if (ids.length)
        await tx.db
          .updateTable(table)
          .set({ [column]: merge.merged_id } as never)
          .where(key, 'in', ids)
          .execute();
    }
    if (moved.accounts?.length) await tx.db.updateTable('accounts').set({ person_id: merge.merged_id }).where('id', 'in', moved.accounts).execute();
    // Notices for the restored record's tax code that arrived while it was merged went to the survivor: back too.
    const restored = await tx.db.selectFrom('people').select('tax_code').where('id', '=', merge.merged_id).executeTakeFirstOrThrow();
    await relinkNotices(tx, merge.survivor_id, merge.merged_id, restored.tax_code);
    await tx.db.updateTable('people').set({ merged_into: null, updated_at: new Date() }).where('id', '=', merge.merged_id).execute();
    await tx.db
      .updateTable('person_merges')
      .set({ reverted_at: new Date(), reverted_by: actor.accountId, revert_reason: reason })
      .where('id', '=', mergeId)
      .execute();
    await recomputeStatus(tx, merge.survivor_id);
    await recomputeStatus(tx, merge.merged_id);
    await deps.audit.record(
      tx,
      { actor, ctx },
      {
        action: 'write',
        recordType: 'person_merge',
        recordIds: [mergeId, merge.survivor_id, merge.merged_id],
        subjectPersonIds: [merge.survivor_id, merge.merged_id],
        fields: ['revert'],
        purpose: `annullamento dell’unione: ${reason}`,
      },
    );
    await writeEvent(tx, 'people.person.merge-reverted', merge.survivor_id, { mergeId });
    return { mergeId, survivorId: merge.survivor_id, restoredId: merge.merged_id };
  });
}
