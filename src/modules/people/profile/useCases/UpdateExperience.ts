import { recordChange } from '../../../../platform/db/versioning.ts';
import { problems } from '../../../../platform/http/problems.ts';
import { ExperienceUpdate } from '../schemas.ts';
import type { ProfileView } from '../store.ts';
import { experienceColumns } from './AddExperience.ts';
import { type Caller, changedKeys, checkRowVersion, editProfile, type ProfileDeps } from './common.ts';

export { ExperienceUpdate };

const FIELD_NAMES: Record<string, string> = {
  employer_name: 'employerName',
  employer_tax_code: 'employerTaxCode',
  occupation_code: 'occupationCode',
  sector_code: 'sectorCode',
  started_on: 'startedOn',
  ended_on: 'endedOn',
  contract_type: 'contractType',
  description: 'description',
};

/** Corrects a work experience; stale version → 409 with currentVersion and the fields changed since. */
export async function updateExperience(deps: ProfileDeps, caller: Caller, personId: string, experienceId: string, raw: ExperienceUpdate): Promise<ProfileView> {
  const input = ExperienceUpdate.parse(raw);
  return editProfile(deps, caller, personId, async (tx) => {
    const row = await tx.db
      .selectFrom('person_experiences')
      .selectAll()
      .where('id', '=', experienceId)
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw problems.notFound('Esperienza non trovata nel profilo di questa persona.');
    await checkRowVersion(tx, 'person_experience', experienceId, input.version, row.version);
    const columns = await experienceColumns(tx, input);
    const fields = changedKeys(row as unknown as Record<string, unknown>, columns).map((k) => FIELD_NAMES[k] ?? k);
    const version = row.version + 1;
    await tx.db
      .updateTable('person_experiences')
      .set({ ...columns, version, updated_at: new Date() })
      .where('id', '=', experienceId)
      .execute();
    await recordChange(tx, 'person_experience', experienceId, version, fields, caller.actor.accountId);
    return {
      recordType: 'person_experience',
      recordIds: [experienceId],
      fields: fields.map((f) => `experiences.${f}`),
      purpose: 'correzione esperienza di lavoro',
      topic: 'people.profile.experience.updated',
      payload: { experienceId, changed: fields },
    };
  });
}
