import { newId } from '../../../../platform/ids.ts';
import { EDUCATION_TITLE_BY_CODE } from '../reference.ts';
import { EducationInput } from '../schemas.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, editProfile, type ProfileDeps } from './common.ts';

export { EducationInput };

/** The columns of an education row from the input: the title's EQF and ISCED levels come from the reference table. */
export function educationColumns(input: EducationInput) {
  const title = EDUCATION_TITLE_BY_CODE.get(input.titleCode);
  if (!title) throw new Error(`titolo ${input.titleCode} assente dalla tabella`); // the schema already refused it
  return {
    title_code: title.code,
    title: title.label,
    eqf_level: title.eqfLevel,
    isced_level: title.iscedLevel,
    field_of_study: input.fieldOfStudy,
    institution: input.institution,
    completed_year: input.completedYear,
    country: input.country,
  };
}

/** Adds an education title (Italian title → EQF / ISCED level) to a person's profile. */
export async function addEducation(deps: ProfileDeps, caller: Caller, personId: string, raw: EducationInput): Promise<ProfileView> {
  const input = EducationInput.parse(raw);
  return editProfile(deps, caller, personId, async (tx) => {
    const id = newId();
    await tx.db
      .insertInto('person_education')
      .values({ id, person_id: personId, ...educationColumns(input) })
      .execute();
    return {
      recordType: 'person_education',
      recordIds: [id],
      fields: ['education'],
      purpose: 'aggiunta titolo di studio',
      topic: 'people.profile.education.added',
      payload: { educationId: id, titleCode: input.titleCode },
    };
  });
}
