import { StepInput } from '../schemas.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, editProfile, type ProfileDeps } from './common.ts';

export { StepInput };

/**
 * The citizen saved a step of the guided profile ("Salva e continua"): remembered, so that they continue there next
 * time. Progress is not data about the person: it does not change the profile's version.
 */
export async function markStepDone(deps: ProfileDeps, caller: Caller, personId: string, raw: StepInput): Promise<ProfileView> {
  const { step } = StepInput.parse(raw);
  return editProfile(deps, caller, personId, async (tx) => {
    const row = await tx.db.selectFrom('person_profiles').select('completed_steps').where('person_id', '=', personId).forUpdate().executeTakeFirst();
    if (!row) {
      // A profile row with nothing in it yet: version 0 stays "no data saved" for the sections.
      await tx.db
        .insertInto('person_profiles')
        .values({ person_id: personId, version: 0, completed_steps: [step] })
        .execute();
    } else if (!row.completed_steps.includes(step)) {
      await tx.db
        .updateTable('person_profiles')
        .set({ completed_steps: [...row.completed_steps, step] })
        .where('person_id', '=', personId)
        .execute();
    }
    return {
      recordType: 'person_profile',
      recordIds: [personId],
      fields: ['completedSteps'],
      purpose: `profilo guidato: passo «${step}» salvato`,
      topic: 'people.profile.step-completed',
      payload: { step },
    };
  });
}
