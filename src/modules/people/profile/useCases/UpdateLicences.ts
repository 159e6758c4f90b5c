import { LicencesInput } from '../schemas.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, changedKeys, editProfile, lockProfileVersion, type ProfileDeps, saveProfileColumns } from './common.ts';

export { LicencesInput };

/** Driving licences and digital skills (DigComp 2.2 levels) of a person's profile; versioned with the profile. */
export async function updateLicences(deps: ProfileDeps, caller: Caller, personId: string, raw: LicencesInput): Promise<ProfileView> {
  const input = LicencesInput.parse(raw);
  return editProfile(deps, caller, personId, async (tx) => {
    const current = await lockProfileVersion(tx, personId, input.version);
    const row = await tx.db.selectFrom('person_profiles').select(['driving_licences', 'digital_skills']).where('person_id', '=', personId).executeTakeFirst();
    const licences = [...new Set(input.drivingLicences)];
    const digital = Object.fromEntries(Object.entries(input.digitalSkills).sort(([a], [b]) => a.localeCompare(b)));
    const before = { drivingLicences: row?.driving_licences ?? [], digitalSkills: row?.digital_skills ?? {} };
    const fields = changedKeys(before, { drivingLicences: licences, digitalSkills: digital });
    await saveProfileColumns(
      tx,
      personId,
      current,
      { driving_licences: licences, digital_skills: JSON.stringify(digital) },
      fields.length ? fields : ['drivingLicences'],
      caller.actor.accountId,
    );
    return {
      recordType: 'person_profile',
      recordIds: [personId],
      fields: ['drivingLicences', 'digitalSkills'],
      purpose: 'aggiornamento patenti e competenze digitali',
      topic: 'people.profile.updated',
      payload: { section: 'licences', changed: fields },
    };
  });
}
