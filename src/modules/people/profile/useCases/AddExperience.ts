import type { Tx } from '../../../../platform/db/unitOfWork.ts';
import { newId } from '../../../../platform/ids.ts';
import { ExperienceInput } from '../schemas.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, checkSector, editProfile, occupationCode, type ProfileDeps } from './common.ts';

export { ExperienceInput };

/** The columns of an experience row, with the occupation (CP2011, 5th level) and sector (ATECO) checked to exist. */
export async function experienceColumns(tx: Tx, input: ExperienceInput) {
  const occupation = await occupationCode(tx, input.occupationCode, 'occupationCode', 5);
  await checkSector(tx, input.sectorCode, 'sectorCode');
  return {
    employer_name: input.employerName,
    employer_tax_code: input.employerTaxCode,
    occupation_code: occupation,
    sector_code: input.sectorCode,
    started_on: input.startedOn,
    ended_on: input.endedOn,
    contract_type: input.contractType,
    description: input.description,
  };
}

/** Adds a work experience (employer, occupation on CP2011, sector on ATECO, dates, contract type). */
export async function addExperience(deps: ProfileDeps, caller: Caller, personId: string, raw: ExperienceInput): Promise<ProfileView> {
  const input = ExperienceInput.parse(raw);
  return editProfile(deps, caller, personId, async (tx) => {
    const id = newId();
    const columns = await experienceColumns(tx, input);
    await tx.db
      .insertInto('person_experiences')
      .values({ id, person_id: personId, ...columns })
      .execute();
    return {
      recordType: 'person_experience',
      recordIds: [id],
      fields: ['experiences'],
      purpose: 'aggiunta esperienza di lavoro',
      topic: 'people.profile.experience.added',
      payload: { experienceId: id, occupationCode: columns.occupation_code, sectorCode: columns.sector_code },
    };
  });
}
