import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Actor, Role } from '../../platform/access/actor.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/unitOfWork.ts';
import { problems } from '../../platform/http/problems.ts';

type PeopleQuery<O> = SelectQueryBuilder<Database, 'people', O>;
const NOBODY = '00000000-0000-0000-0000-000000000000';

function namedOnProtected(eb: ExpressionBuilder<Database, 'people'>, actor: Actor) {
  return eb.exists(
    eb
      .selectFrom('protected_person_staff as pps')
      .select('pps.person_id')
      .whereRef('pps.person_id', '=', 'people.id')
      .where('pps.account_id', '=', actor.accountId),
  );
}

/**
 * Narrows a query on people to the records the actor may see: role × territory × sensitivity.
 * Protected persons are visible only to staff named on their record (and to the region's administrators,
 * who then never see where they are: see `fieldAccess`).
 */
export function scopePeople<O>(query: PeopleQuery<O>, actor: Actor): PeopleQuery<O> {
  const notProtectedOrNamed = (eb: ExpressionBuilder<Database, 'people'>) => eb.or([eb('people.protected_person', '=', false), namedOnProtected(eb, actor)]);
  switch (actor.role) {
    case 'citizen':
      return query.where('people.id', '=', actor.personId ?? NOBODY);
    case 'operator':
    case 'manager':
      return query.where('people.job_centre_id', '=', actor.jobCentreId ?? NOBODY).where(notProtectedOrNamed);
    case 'specialist':
      return (
        actor.territoryProvinces.length
          ? query.where('people.job_centre_id', 'in', (eb) => eb.selectFrom('job_centres').select('id').where('province_code', 'in', actor.territoryProvinces))
          : query
      ).where(notProtectedOrNamed);
    case 'provider':
      return query
        .where('people.id', 'in', (eb) =>
          eb
            .selectFrom('provider_assignments')
            .select('person_id')
            .where('provider_id', '=', actor.providerId ?? NOBODY),
        )
        .where(notProtectedOrNamed);
    case 'social_worker':
      return query.where('people.id', 'in', (eb) => eb.selectFrom('shared_case_members').select('person_id').where('account_id', '=', actor.accountId));
    case 'agency_admin':
      return query;
    default:
      return query.where('people.id', '=', NOBODY);
  }
}

export interface FieldAccess {
  /** Address, domicile, residence, competent job centre: anything that locates a protected person. */
  location: boolean;
  /** Special categories (health, disability, judicial). */
  specialCategory: boolean;
}

export function fieldAccess(actor: Actor, person: { id: string; protected_person: boolean }, namedStaff: boolean): FieldAccess {
  const self = actor.role === 'citizen' && actor.personId === person.id;
  return {
    location: self || !person.protected_person || namedStaff,
    specialCategory: self || (actor.role === 'specialist' && actor.specialism === 'targeted_placement'),
  };
}

/** Staff who may open a person's record (GET /api/v1/people/:personId), within their scope. */
export const STAFF_READERS: readonly Role[] = ['operator', 'manager', 'specialist', 'provider', 'social_worker', 'agency_admin'];

/** Job-centre staff who register people and change their records (operators and managers of the centre, the agency). */
export const CASEWORKERS: readonly Role[] = ['operator', 'manager', 'agency_admin'];

/** A person the actor may see, locked for update in the caller's transaction; out of scope is 404. */
export async function lockPersonInScope(tx: Tx, actor: Actor, personId: string) {
  const person = await scopePeople(tx.db.selectFrom('people').selectAll('people'), actor).where('people.id', '=', personId).forUpdate().executeTakeFirst();
  if (!person) throw problems.notFound();
  return person;
}
