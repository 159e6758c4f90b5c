import { z } from 'zod';
import type { Actor, RequestContext } from '../../../platform/access/actor.ts';
import type { AuditTrail } from '../../../platform/audit/trail.ts';
import { isCalendarDate, romeDateOf } from '../../../platform/dates.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction, type Tx } from '../../../platform/db/unitOfWork.ts';
import { writeEvent } from '../../../platform/events/outbox.ts';
import { Problem, problems } from '../../../platform/http/problems.ts';
import { newId } from '../../../platform/ids.ts';
import { CASEWORKERS, lockPersonInScope } from '../access.ts';
import { statusOn } from '../status/index.ts';
import { recomputeStatus } from '../statusStore.ts';

const CalendarDay = z.string().refine(isCalendarDate, 'data nel formato AAAA-MM-GG');

export const DeclareAvailabilityInput = z.object({
  declaredOn: CalendarDay,
  /** Last day of the notice period, when the declaration is given during a dismissal notice (at risk of unemployment). */
  atRiskUntil: CalendarDay.optional(),
});
export type DeclareAvailabilityInput = z.infer<typeof DeclareAvailabilityInput>;

export const RevokeDeclarationInput = z.object({
  revokedOn: CalendarDay,
  reason: z.string().trim().min(5, 'indicate il motivo').max(500),
});
export type RevokeDeclarationInput = z.infer<typeof RevokeDeclarationInput>;

/** Declarations are recorded on active records only: a merged duplicate is not in scope. */
async function personInScope(tx: Tx, actor: Actor, personId: string) {
  const person = await lockPersonInScope(tx, actor, personId);
  if (person.merged_into) throw problems.notFound();
  return person;
}

/** Records an availability declaration (DID) given at the job centre on the person's behalf, and recomputes the status timeline. */
export async function declareAvailability(
  deps: { db: Db; audit: AuditTrail },
  actor: Actor,
  ctx: RequestContext,
  personId: string,
  input: DeclareAvailabilityInput,
) {
  if (!CASEWORKERS.includes(actor.role)) throw problems.forbidden();
  const today = romeDateOf();
  return inTransaction(deps.db, async (tx) => {
    await personInScope(tx, actor, personId); // first: out of scope is 404 whatever the input
    if (input.declaredOn > today) throw problems.validation([{ field: 'declaredOn', message: 'la dichiarazione non può avere una data futura' }]);
    if (input.atRiskUntil && input.atRiskUntil < input.declaredOn) {
      throw problems.validation([{ field: 'atRiskUntil', message: 'la fine del preavviso non può precedere la dichiarazione' }]);
    }
    const open = await tx.db
      .selectFrom('availability_declarations')
      .select(['id', 'declared_on'])
      .where('person_id', '=', personId)
      .where('revoked_on', 'is', null)
      .orderBy('declared_on', 'desc')
      .executeTakeFirst();
    const before = open ? statusOn(await recomputeStatus(tx, personId), input.declaredOn) : null;
    if (before && ['unemployed', 'at-risk', 'suspended', 'employed-keeping'].includes(before.state)) {
      throw new Problem(
        409,
        'dichiarazione-gia-attiva',
        'Dichiarazione già attiva',
        `La persona ha già una dichiarazione di immediata disponibilità attiva dal ${open?.declared_on}.`,
      );
    }
    const id = newId();
    await tx.db
      .insertInto('availability_declarations')
      .values({
        id,
        person_id: personId,
        declared_on: input.declaredOn,
        channel: 'job-centre',
        at_risk_until: input.atRiskUntil ?? null,
        recorded_by: actor.accountId,
      })
      .execute();
    const timeline = await recomputeStatus(tx, personId);
    await deps.audit.record(
      tx,
      { actor, ctx },
      {
        action: 'write',
        recordType: 'availability_declaration',
        recordIds: [id],
        subjectPersonIds: [personId],
        fields: ['declaredOn', ...(input.atRiskUntil ? ['atRiskUntil'] : [])],
        purpose: 'dichiarazione di immediata disponibilità al centro per l’impiego',
      },
    );
    await writeEvent(tx, 'people.availability.declared', personId, { personId, declarationId: id, declaredOn: input.declaredOn });
    return { id, status: statusOn(timeline, today) };
  });
}

/** Revokes a declaration from a date, with a reason; the timeline loses the state from that day. */
export async function revokeDeclaration(
  deps: { db: Db; audit: AuditTrail },
  actor: Actor,
  ctx: RequestContext,
  personId: string,
  declarationId: string,
  input: RevokeDeclarationInput,
) {
  if (!CASEWORKERS.includes(actor.role)) throw problems.forbidden();
  return inTransaction(deps.db, async (tx) => {
    await personInScope(tx, actor, personId);
    const declaration = await tx.db
      .selectFrom('availability_declarations')
      .selectAll()
      .where('id', '=', declarationId)
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!declaration) throw problems.notFound();
    if (declaration.revoked_on) throw problems.conflict(`La dichiarazione è già stata revocata dal ${declaration.revoked_on}.`);
    if (input.revokedOn < declaration.declared_on) throw problems.validation([{ field: 'revokedOn', message: 'la revoca non può precedere la dichiarazione' }]);
    await tx.db
      .updateTable('availability_declarations')
      .set({ revoked_on: input.revokedOn, revocation_reason: input.reason })
      .where('id', '=', declarationId)
      .execute();
    const timeline = await recomputeStatus(tx, personId);
    await deps.audit.record(
      tx,
      { actor, ctx },
      {
        action: 'write',
        recordType: 'availability_declaration',
        recordIds: [declarationId],
        subjectPersonIds: [personId],
        fields: ['revokedOn', 'revocationReason'],
        purpose: 'revoca della dichiarazione di immediata disponibilità',
      },
    );
    await writeEvent(tx, 'people.availability.revoked', personId, { personId, declarationId, revokedOn: input.revokedOn });
    return { id: declarationId, status: statusOn(timeline, romeDateOf()) };
  });
}
