import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.ts';
import { romeDateOf } from '../../platform/dates.ts';
import type { Db } from '../../platform/db/database.ts';
import { fieldAccess, scopePeople } from './access.ts';
import type { PersonSummary, PersonView } from './model.ts';

function baseQuery(db: Db) {
  return db
    .selectFrom('people')
    .leftJoin('municipalities as rm', 'rm.istat_code', 'people.residence_municipality_istat_code')
    .leftJoin('municipalities as dm', 'dm.istat_code', 'people.domicile_municipality_istat_code')
    .innerJoin('job_centres as jc', 'jc.id', 'people.job_centre_id')
    .select([
      'people.id',
      'people.tax_code',
      'people.given_name',
      'people.family_name',
      'people.birth_date',
      'people.sex',
      'people.residence_address',
      'people.domicile_address',
      'people.email',
      'people.phone',
      'people.special_category',
      'people.special_category_notes',
      'people.protected_person',
      'people.job_centre_id',
      'people.version',
      'rm.name as residence_municipality',
      'dm.name as domicile_municipality',
      'jc.name as job_centre_name',
    ]);
}

async function namedOn(db: Db, actor: Actor, personIds: string[]): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const rows = await db
    .selectFrom('protected_person_staff')
    .select('person_id')
    .where('account_id', '=', actor.accountId)
    .where('person_id', 'in', personIds)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** One person as the actor may see them, or undefined when out of their scope. */
export async function findPersonView(db: Db, actor: Actor, personId: string): Promise<PersonView | undefined> {
  const row = await scopePeople(baseQuery(db), actor).where('people.id', '=', personId).executeTakeFirst();
  if (!row) return undefined;
  const access = fieldAccess(actor, row, (await namedOn(db, actor, [row.id])).has(row.id));
  const hiddenFields: string[] = [];
  const view: PersonView = {
    id: row.id,
    taxCode: row.tax_code,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    sex: row.sex,
    email: row.email,
    phone: row.phone,
    protected: row.protected_person,
    version: row.version,
    hiddenFields,
  };
  if (access.location) {
    view.residence =
      row.residence_municipality || row.residence_address ? { municipalityName: row.residence_municipality, address: row.residence_address } : null;
    view.domicile = row.domicile_municipality || row.domicile_address ? { municipalityName: row.domicile_municipality, address: row.domicile_address } : null;
    view.jobCentre = { id: row.job_centre_id, name: row.job_centre_name };
  } else {
    hiddenFields.push('residence', 'domicile', 'jobCentre');
  }
  if (row.special_category) {
    if (access.specialCategory) view.specialCategory = { notes: row.special_category_notes };
    else hiddenFields.push('specialCategory');
  }
  return view;
}

export interface PeopleSearch {
  text?: string;
  /** Current employment state (e.g. 'unemployed'), from the stored timeline. */
  status?: string;
  /** ISTAT CP2011 code: people with an experience or a wanted occupation with this code or under it ('5.2' matches '5.2.2.1.0'). */
  occupation?: string;
  limit: number;
}

export async function searchPeople(db: Db, actor: Actor, search: PeopleSearch): Promise<PersonSummary[]> {
  const term = (search.text ?? '').trim();
  const today = romeDateOf();
  let query = scopePeople(baseQuery(db), actor).where('people.merged_into', 'is', null);
  if (search.status) {
    const state = search.status;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('status_periods as sp')
          .select('sp.person_id')
          .whereRef('sp.person_id', '=', 'people.id')
          .where('sp.state', '=', state)
          .where('sp.valid_from', '<=', today)
          .where((w) => w.or([w('sp.valid_to', 'is', null), w('sp.valid_to', '>=', today)])),
      ),
    );
  }
  if (search.occupation) {
    // A job title (6th level) stands for its unit: profiles keep the 5th level.
    const code = search.occupation.split('.').slice(0, 5).join('.');
    const under = `${code}.%`;
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('person_experiences as px')
            .select('px.person_id')
            .whereRef('px.person_id', '=', 'people.id')
            .where((w) => w.or([w('px.occupation_code', '=', code), w('px.occupation_code', 'like', under)])),
        ),
        eb.exists(
          eb
            .selectFrom('person_wanted_occupations as pw')
            .select('pw.person_id')
            .whereRef('pw.person_id', '=', 'people.id')
            .where((w) => w.or([w('pw.occupation_code', '=', code), w('pw.occupation_code', 'like', under)])),
        ),
      ]),
    );
  }
  if (!term) {
    // status only: no text filter
  } else if (/^[A-Z0-9]{11,16}$/i.test(term)) {
    query = query.where('people.tax_code', '=', term.toUpperCase());
  } else {
    const words = term.toLowerCase().split(/\s+/).filter(Boolean);
    for (const word of words) {
      const like = `%${word.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb(sql`lower(people.family_name)`, 'like', like), eb(sql`lower(people.given_name)`, 'like', like)]));
    }
  }
  const rows = await query.orderBy('people.family_name').orderBy('people.given_name').limit(search.limit).execute();
  const current = rows.length
    ? await db
        .selectFrom('status_periods')
        .select(['person_id', 'state'])
        .where(
          'person_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('valid_from', '<=', today)
        .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>=', today)]))
        .execute()
    : [];
  const stateOf = new Map(current.map((c) => [c.person_id, c.state]));
  const named = await namedOn(
    db,
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const access = fieldAccess(actor, row, named.has(row.id));
    const flags: string[] = [];
    if (row.protected_person) flags.push('protected');
    if (row.special_category && access.specialCategory) flags.push('specialCategory');
    return {
      id: row.id,
      givenName: row.given_name,
      familyName: row.family_name,
      birthDate: row.birth_date,
      jobCentreName: access.location ? row.job_centre_name : null,
      status: stateOf.get(row.id) ?? 'not-registered',
      flags,
    };
  });
}

/** Staff consultations of a person's record, for "who consulted my data". */
export async function consultationsOf(db: Db, personId: string, limit = 200) {
  return db
    .selectFrom('audit_entries as e')
    .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
    .leftJoin('job_centres as jc', 'jc.id', 'a.job_centre_id')
    .select(['e.at', 'e.actor_role', 'a.display_name', 'jc.name as job_centre_name', 'e.action', 'e.fields', 'e.purpose'])
    .where(sql<boolean>`e.subject_person_ids @> array[${personId}]::uuid[]`)
    .where('e.actor_role', 'is not', null)
    .where('e.actor_role', '!=', 'citizen')
    .orderBy('e.at', 'desc')
    .limit(limit)
    .execute();
}
