import { problems } from '../../../../platform/http/problems.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, checkRowVersion, editProfile, type ProfileDeps } from './common.ts';

/** Removes a work experience (version checked). */
export async function removeExperience(deps: ProfileDeps, caller: Caller, personId: string, experienceId: string, version: number): Promise<ProfileView> {
  return editProfile(deps, caller, personId, async (tx) => {
    const row = await tx.db
      .selectFrom('person_experiences')
      .select(['id', 'version'])
      .where('id', '=', experienceId)
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw problems.notFound('Esperienza non trovata nel profilo di questa persona.');
    await checkRowVersion(tx, 'person_experience', experienceId, version, row.version);
    await tx.db.deleteFrom('person_experiences').where('id', '=', experienceId).execute();
    return {
      recordType: 'person_experience',
      recordIds: [experienceId],
      fields: ['experiences'],
      purpose: 'rimozione esperienza di lavoro',
      topic: 'people.profile.experience.removed',
      payload: { experienceId },
    };
  });
}
