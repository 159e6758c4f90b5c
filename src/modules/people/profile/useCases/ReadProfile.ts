import { problems } from '../../../../platform/http/problems.ts';
import { auditRead } from '../../reads.ts';
import { currentCv, type ProfileView, profileView, readableSubject } from '../store.ts';
import type { Caller, ProfileDeps } from './common.ts';

/**
 * Reads a person's profile: staff who may see the person (scoped like GET /people/:personId), or the citizen their own.
 * A staff consultation is an audit entry naming the person (they see it in "who consulted my data").
 */
export async function readProfile(deps: ProfileDeps, caller: Caller, personId: string): Promise<ProfileView> {
  const subject = await readableSubject(deps.db, caller.actor, personId);
  const view = await profileView(deps.db, subject);
  if (caller.actor.role !== 'citizen') {
    await auditRead(deps, caller, {
      recordType: 'person_profile',
      recordIds: [personId],
      subjectPersonIds: [personId],
      fields: ['professionalProfile'],
      purpose: 'consultazione profilo professionale',
    });
  }
  return view;
}

/** The current CV, for those who may read the profile (and see what locates a protected person); audited. */
export async function downloadCv(deps: ProfileDeps, caller: Caller, personId: string) {
  const subject = await readableSubject(deps.db, caller.actor, personId);
  if (!subject.location) throw problems.forbidden('Il curriculum di una persona protetta è visibile solo al personale nominato.');
  const cv = await currentCv(deps.db, personId);
  if (!cv) throw problems.notFound('Nessun curriculum caricato.');
  if (caller.actor.role !== 'citizen') {
    await auditRead(deps, caller, {
      recordType: 'person_cv',
      recordIds: [cv.id],
      subjectPersonIds: [personId],
      fields: ['cv'],
      purpose: 'consultazione curriculum vitae',
    });
  }
  return { fileName: cv.file_name, mediaType: cv.media_type, content: Buffer.from(cv.content) };
}
