import { z } from 'zod';
import type { Actor, RequestContext } from '../../../platform/access/actor.ts';
import type { AuditTrail } from '../../../platform/audit/trail.ts';
import { romeDateOf } from '../../../platform/dates.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/unitOfWork.ts';
import { recordChange, staleWrite } from '../../../platform/db/versioning.ts';
import { writeEvent } from '../../../platform/events/outbox.ts';
import { problems } from '../../../platform/http/problems.ts';
import { newId } from '../../../platform/ids.ts';
import { competentJobCentre } from '../../organisation/index.ts';
import { CASEWORKERS, fieldAccess, lockPersonInScope } from '../access.ts';

const Place = z.object({
  municipalityIstatCode: z.string().regex(/^\d{6}$/, 'codice ISTAT del comune di 6 cifre'),
  address: z.string().trim().min(3, 'indirizzo troppo corto').max(300),
});

export const ChangeAddressInput = z.object({
  version: z.number().int().min(1),
  residence: Place.optional(),
  /** null removes the domicile: competence then follows the residence. */
  domicile: Place.nullable().optional(),
  reason: z.string().trim().min(5, 'indicate il motivo della modifica').max(500),
});
export type ChangeAddressInput = z.infer<typeof ChangeAddressInput>;

/**
 * An operator changes residence or domicile with a reason. The competent job centre follows the domicile,
 * else the residence: when it changes, the record moves to the new centre.
 */
export async function changeAddress(deps: { db: Db; audit: AuditTrail }, actor: Actor, ctx: RequestContext, personId: string, input: ChangeAddressInput) {
  if (!CASEWORKERS.includes(actor.role)) throw problems.forbidden();
  if (input.residence === undefined && input.domicile === undefined)
    throw problems.validation([{ field: 'residence', message: 'indicate la nuova residenza o il nuovo domicilio' }]);
  return inTransaction(deps.db, async (tx) => {
    const person = await lockPersonInScope(tx, actor, personId);
    const named = await tx.db
      .selectFrom('protected_person_staff')
      .select('person_id')
      .where('person_id', '=', personId)
      .where('account_id', '=', actor.accountId)
      .executeTakeFirst();
    if (!fieldAccess(actor, person, Boolean(named)).location)
      throw problems.forbidden('Solo il personale nominato può modificare gli indirizzi di una persona protetta.');
    if (person.version !== input.version) throw await staleWrite(tx, 'person', personId, input.version, person.version);

    const residence = input.residence ?? { municipalityIstatCode: person.residence_municipality_istat_code, address: person.residence_address };
    const domicile =
      input.domicile === undefined
        ? person.domicile_municipality_istat_code
          ? { municipalityIstatCode: person.domicile_municipality_istat_code, address: person.domicile_address }
          : null
        : input.domicile;
    const home = domicile ?? residence;
    if (!home.municipalityIstatCode) throw problems.validation([{ field: 'residence', message: 'manca il comune di residenza' }]);
    const centre = await competentJobCentre(tx.db, home.municipalityIstatCode, romeDateOf());
    if (!centre)
      throw problems.validation([
        {
          field: domicile ? 'domicile.municipalityIstatCode' : 'residence.municipalityIstatCode',
          message: 'nessun Centro per l’Impiego è competente per questo comune',
        },
      ]);

    const fields = [
      ...(input.residence ? ['residence'] : []),
      ...(input.domicile !== undefined ? ['domicile'] : []),
      ...(centre.id !== person.job_centre_id ? ['jobCentre'] : []),
    ];
    const version = person.version + 1;
    await tx.db
      .updateTable('people')
      .set({
        residence_municipality_istat_code: residence.municipalityIstatCode,
        residence_address: residence.address,
        domicile_municipality_istat_code: domicile?.municipalityIstatCode ?? null,
        domicile_address: domicile?.address ?? null,
        job_centre_id: centre.id,
        version,
        updated_at: new Date(),
      })
      .where('id', '=', personId)
      .execute();
    for (const field of fields.filter((f) => f !== 'jobCentre')) {
      const old =
        field === 'residence'
          ? { municipalityIstatCode: person.residence_municipality_istat_code, address: person.residence_address }
          : { municipalityIstatCode: person.domicile_municipality_istat_code, address: person.domicile_address };
      await tx.db
        .insertInto('person_address_changes')
        .values({
          id: newId(),
          person_id: personId,
          field,
          old_value: JSON.stringify(old),
          new_value: JSON.stringify(field === 'residence' ? residence : domicile),
          old_job_centre_id: person.job_centre_id,
          new_job_centre_id: centre.id,
          reason: input.reason,
          account_id: actor.accountId,
        })
        .execute();
    }
    await recordChange(tx, 'person', personId, version, fields, actor.accountId);
    await deps.audit.record(
      tx,
      { actor, ctx },
      { action: 'write', recordType: 'person', recordIds: [personId], subjectPersonIds: [personId], fields, purpose: `modifica indirizzi: ${input.reason}` },
    );
    await writeEvent(tx, 'people.address.changed', personId, { personId, fields, jobCentreId: centre.id, previousJobCentreId: person.job_centre_id });
    return { id: personId, version, jobCentre: { id: centre.id, name: centre.name }, movedToAnotherJobCentre: centre.id !== person.job_centre_id };
  });
}
