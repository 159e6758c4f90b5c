import { problems } from '../../../../platform/http/problems.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, checkRowVersion, editProfile, type ProfileDeps } from './common.ts';

/** Removes an education row (version checked: one does not delete what someone else just corrected). */
export async function removeEducation(deps: ProfileDeps, caller: Caller, personId: string, educationId: string, version: number): Promise<ProfileView> {
  return editProfile(deps, caller, personId, async (tx) => {
    const row = await tx.db
      .selectFrom('person_education')
      .select(['id', 'version', 'title_code'])
      .where('id', '=', educationId)
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw problems.notFound('Titolo di studio non trovato nel profilo di questa persona.');
    await checkRowVersion(tx, 'person_education', educationId, version, row.version);
    await tx.db.deleteFrom('person_education').where('id', '=', educationId).execute();
    return {
      recordType: 'person_education',
      recordIds: [educationId],
      fields: ['education'],
      purpose: 'rimozione titolo di studio',
      topic: 'people.profile.education.removed',
      payload: { educationId, titleCode: row.title_code },
    };
  });
}
