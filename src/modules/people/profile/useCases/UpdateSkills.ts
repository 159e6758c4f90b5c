import { problems } from '../../../../platform/http/problems.ts';
import { SkillsInput } from '../schemas.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, changedKeys, editProfile, lockProfileVersion, type ProfileDeps, saveProfileColumns } from './common.ts';

export { SkillsInput };

/** Skills (ESCO) and languages (CEFR) of a person's profile, replaced as a whole; versioned with the profile. */
export async function updateSkills(deps: ProfileDeps, caller: Caller, personId: string, raw: SkillsInput): Promise<ProfileView> {
  const input = SkillsInput.parse(raw);
  return editProfile(deps, caller, personId, async (tx) => {
    const current = await lockProfileVersion(tx, personId, input.version);
    // Skills by URI or by id (the last part of the URI), as the picker gives them; each must exist in ESCO.
    const uris: string[] = [];
    for (const [i, given] of input.skills.entries()) {
      const row = await tx.db
        .selectFrom('esco_skills')
        .select('uri')
        .where((eb) => eb.or([eb('uri', '=', given), eb('uri', 'like', `%/skill/${given.replace(/[%_\\]/g, '')}`)]))
        .limit(1)
        .executeTakeFirst();
      if (!row) throw problems.validation([{ field: `skills.${i}`, message: 'competenza non presente nella classificazione ESCO' }]);
      if (!uris.includes(row.uri)) uris.push(row.uri);
    }
    const before = {
      skills: (await tx.db.selectFrom('person_skills').select('esco_skill_id').where('person_id', '=', personId).orderBy('esco_skill_id').execute()).map(
        (r) => r.esco_skill_id,
      ),
      languages: await tx.db
        .selectFrom('person_languages')
        .select(['language', 'mother_tongue as motherTongue', 'level'])
        .where('person_id', '=', personId)
        .orderBy('language')
        .execute(),
    };
    const after = {
      skills: [...uris].sort(),
      languages: [...input.languages]
        .sort((a, b) => a.language.localeCompare(b.language))
        .map((l) => ({ language: l.language, motherTongue: l.motherTongue, level: l.motherTongue ? null : l.level })),
    };
    await tx.db.deleteFrom('person_skills').where('person_id', '=', personId).execute();
    if (uris.length)
      await tx.db
        .insertInto('person_skills')
        .values(uris.map((uri) => ({ person_id: personId, esco_skill_id: uri })))
        .execute();
    await tx.db.deleteFrom('person_languages').where('person_id', '=', personId).execute();
    if (after.languages.length)
      await tx.db
        .insertInto('person_languages')
        .values(after.languages.map((l) => ({ person_id: personId, language: l.language, mother_tongue: l.motherTongue, level: l.level })))
        .execute();
    const fields = changedKeys(before, after);
    await saveProfileColumns(tx, personId, current, {}, fields.length ? fields : ['skills'], caller.actor.accountId);
    return {
      recordType: 'person_profile',
      recordIds: [personId],
      fields: ['skills', 'languages'],
      purpose: 'aggiornamento competenze e lingue',
      topic: 'people.profile.updated',
      payload: { section: 'skills', changed: fields },
    };
  });
}
