import { AvailabilityInput } from '../schemas.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, changedKeys, editProfile, lockProfileVersion, occupationCode, type ProfileDeps, saveProfileColumns } from './common.ts';

export { AvailabilityInput };

/**
 * Availability: occupations wanted (CP2011, from the 4th level: a category or a unit), contract types, working time,
 * maximum distance, own vehicle, available from; versioned with the profile.
 */
export async function updateAvailability(deps: ProfileDeps, caller: Caller, personId: string, raw: AvailabilityInput): Promise<ProfileView> {
  const input = AvailabilityInput.parse(raw);
  return editProfile(deps, caller, personId, async (tx) => {
    const current = await lockProfileVersion(tx, personId, input.version);
    const codes: string[] = [];
    for (const [i, code] of input.wantedOccupations.entries()) {
      const kept = await occupationCode(tx, code, `wantedOccupations.${i}`, 4);
      if (!codes.includes(kept)) codes.push(kept);
    }
    const row = await tx.db.selectFrom('person_profiles').selectAll().where('person_id', '=', personId).executeTakeFirst();
    const wanted = (await tx.db.selectFrom('person_wanted_occupations').select('occupation_code').where('person_id', '=', personId).execute()).map(
      (r) => r.occupation_code,
    );
    const after = {
      wantedOccupations: [...codes].sort(),
      wantedContractTypes: [...new Set(input.wantedContractTypes)],
      workingTime: [...new Set(input.workingTime)],
      maxDistanceKm: input.maxDistanceKm,
      ownVehicle: input.ownVehicle,
      availableFrom: input.availableFrom,
      notes: input.notes,
    };
    const before = {
      wantedOccupations: wanted.sort(),
      wantedContractTypes: row?.wanted_contract_types ?? [],
      workingTime: row?.working_time ?? [],
      maxDistanceKm: row?.max_distance_km ?? null,
      ownVehicle: row?.own_vehicle ?? null,
      availableFrom: row?.available_from ?? null,
      notes: row?.notes ?? null,
    };
    const fields = changedKeys(before, after);
    await tx.db.deleteFrom('person_wanted_occupations').where('person_id', '=', personId).execute();
    if (codes.length)
      await tx.db
        .insertInto('person_wanted_occupations')
        .values(codes.map((c) => ({ person_id: personId, occupation_code: c })))
        .execute();
    await saveProfileColumns(
      tx,
      personId,
      current,
      {
        wanted_contract_types: after.wantedContractTypes,
        working_time: after.workingTime,
        max_distance_km: after.maxDistanceKm,
        own_vehicle: after.ownVehicle,
        available_from: after.availableFrom,
        notes: after.notes,
      },
      fields.length ? fields : ['availability'],
      caller.actor.accountId,
    );
    return {
      recordType: 'person_profile',
      recordIds: [personId],
      fields: ['availability'],
      purpose: 'aggiornamento disponibilità',
      topic: 'people.profile.updated',
      payload: { section: 'availability', changed: fields },
    };
  });
}
