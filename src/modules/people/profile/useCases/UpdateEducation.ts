import { recordChange } from '../../../../platform/db/versioning.ts';
import { problems } from '../../../../platform/http/problems.ts';
import { EducationUpdate } from '../schemas.ts';
import type { ProfileView } from '../store.ts';
import { educationColumns } from './AddEducation.ts';
import { type Caller, changedKeys, checkRowVersion, editProfile, type ProfileDeps } from './common.ts';

export { EducationUpdate };

/** Corrects an education row; stale version → 409 with the fields changed since. */
export async function updateEducation(deps: ProfileDeps, caller: Caller, personId: string, educationId: string, raw: EducationUpdate): Promise<ProfileView> {
  const input = EducationUpdate.parse(raw);
  return editProfile(deps, caller, personId, async (tx) => {
    const row = await tx.db
      .selectFrom('person_education')
      .selectAll()
      .where('id', '=', educationId)
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw problems.notFound('Titolo di studio non trovato nel profilo di questa persona.');
    await checkRowVersion(tx, 'person_education', educationId, input.version, row.version);
    const columns = educationColumns(input);
    const names: Record<string, string> = {
      title_code: 'titleCode',
      title: 'titleCode',
      eqf_level: 'titleCode',
      isced_level: 'titleCode',
      field_of_study: 'fieldOfStudy',
      institution: 'institution',
      completed_year: 'completedYear',
      country: 'country',
    };
    const fields = [...new Set(changedKeys(row as unknown as Record<string, unknown>, columns).map((k) => names[k] ?? k))];
    const version = row.version + 1;
    await tx.db
      .updateTable('person_education')
      .set({ ...columns, version, updated_at: new Date() })
      .where('id', '=', educationId)
      .execute();
    await recordChange(tx, 'person_education', educationId, version, fields, caller.actor.accountId);
    return {
      recordType: 'person_education',
      recordIds: [educationId],
      fields: fields.map((f) => `education.${f}`),
      purpose: 'correzione titolo di studio',
      topic: 'people.profile.education.updated',
      payload: { educationId, changed: fields },
    };
  });
}
