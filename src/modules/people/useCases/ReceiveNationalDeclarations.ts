import type { AuditTrail, AuditWho } from '../../../platform/audit/trail.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction, type Tx } from '../../../platform/db/unitOfWork.ts';
import { writeEvent } from '../../../platform/events/outbox.ts';
import { newId } from '../../../platform/ids.ts';
import type { NationalDeclaration, NationalLabourSystem } from '../national/port.ts';
import { recomputeStatus } from '../statusStore.ts';

const FEED = 'national-declarations';

export interface ReceiveReport {
  received: number;
  applied: number;
  /** Kept for people not registered yet: linked when they register. */
  waitingForRegistration: number;
}

/** Applies a received declaration to a registered person (idempotent on the national reference). */
async function applyToPerson(
  tx: Tx,
  personId: string,
  d: { reference: string; channel: string; declared_on: string; at_risk_until: string | null; revoked_on: string | null },
) {
  await tx.db
    .insertInto('availability_declarations')
    .values({
      id: newId(),
      person_id: personId,
      declared_on: d.declared_on,
      channel: d.channel,
      external_reference: d.reference,
      at_risk_until: d.at_risk_until,
      revoked_on: d.revoked_on,
    })
    .onConflict((oc) =>
      oc.columns(['channel', 'external_reference']).doUpdateSet((eb) => ({
        declared_on: eb.ref('excluded.declared_on'),
        at_risk_until: eb.ref('excluded.at_risk_until'),
        revoked_on: eb.ref('excluded.revoked_on'),
      })),
    )
    .execute();
  await tx.db.updateTable('national_declarations').set({ person_id: personId, linked_at: new Date() }).where('reference', '=', d.reference).execute();
}

/**
 * Reads new declarations from the national system, stores them as received, applies those of registered people
 * (timeline recomputed) and keeps the others until the person registers. One audit entry per batch.
 */
export async function receiveNationalDeclarations(
  deps: { db: Db; audit: AuditTrail; national: NationalLabourSystem },
  who: AuditWho,
  batchSize = 500,
): Promise<ReceiveReport> {
  const report: ReceiveReport = { received: 0, applied: 0, waitingForRegistration: 0 };
  for (;;) {
    const stored = await deps.db.selectFrom('integration_cursors').select('cursor').where('name', '=', FEED).executeTakeFirst();
    const { items, cursor } = await deps.national.declarationsSince(stored?.cursor ?? null, batchSize);
    if (items.length === 0) break;
    await inTransaction(deps.db, async (tx) => {
      const touched = new Set<string>();
      for (const item of items) {
        const personId = await storeReceived(tx, item);
        report.received++;
        if (personId) {
          touched.add(personId);
          report.applied++;
        } else report.waitingForRegistration++;
      }
      for (const personId of touched) await recomputeStatus(tx, personId);
      await tx.db
        .insertInto('integration_cursors')
        .values({ name: FEED, cursor, updated_at: new Date() })
        .onConflict((oc) => oc.column('name').doUpdateSet({ cursor, updated_at: new Date() }))
        .execute();
      await deps.audit.record(tx, who, {
        action: 'write',
        recordType: 'availability_declaration',
        recordIds: items.map((i) => i.reference),
        subjectPersonIds: [...touched],
        fields: ['nationalDeclarations'],
        purpose: 'ricezione delle dichiarazioni dal sistema nazionale',
      });
      for (const personId of touched) await writeEvent(tx, 'people.availability.received', personId, { personId });
    });
  }
  return report;
}

async function storeReceived(tx: Tx, item: NationalDeclaration): Promise<string | null> {
  const row = {
    reference: item.reference,
    tax_code: item.taxCode.toUpperCase(),
    channel: item.channel,
    declared_on: item.declaredOn,
    at_risk_until: item.atRiskUntil ?? null,
    revoked_on: item.revokedOn ?? null,
  };
  await tx.db
    .insertInto('national_declarations')
    .values(row)
    .onConflict((oc) => oc.column('reference').doUpdateSet({ declared_on: row.declared_on, at_risk_until: row.at_risk_until, revoked_on: row.revoked_on }))
    .execute();
  const person = await tx.db.selectFrom('people').select('id').where('tax_code', '=', row.tax_code).where('merged_into', 'is', null).executeTakeFirst();
  if (!person) return null;
  await applyToPerson(tx, person.id, row);
  return person.id;
}

/** At registration: declarations received before the person was registered are linked and applied. */
export async function linkWaitingDeclarations(tx: Tx, personId: string, taxCode: string): Promise<number> {
  const waiting = await tx.db.selectFrom('national_declarations').selectAll().where('tax_code', '=', taxCode).where('person_id', 'is', null).execute();
  for (const d of waiting) await applyToPerson(tx, personId, d);
  if (waiting.length) await recomputeStatus(tx, personId);
  return waiting.length;
}
