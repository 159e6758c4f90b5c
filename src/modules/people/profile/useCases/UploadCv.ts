import { createHash } from 'node:crypto';
import { problems } from '../../../../platform/http/problems.ts';
import { newId } from '../../../../platform/ids.ts';
import type { ProfileView } from '../store.ts';
import { type Caller, editProfile, type ProfileDeps } from './common.ts';

/** The first bytes of every PDF file (ISO 32000-1 §7.5.2, file header). */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

export interface CvUpload {
  fileName: string;
  /** The type the client declared for the file part. */
  declaredType: string;
  content: Buffer;
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127 && c !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'cv.pdf';
}

/** Whether the content really is a PDF: the declared type is not trusted, the magic bytes are checked. */
export function looksLikePdf(content: Buffer): boolean {
  return content.length > PDF_MAGIC.length && content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

/**
 * Stores a CV (PDF only, size-checked by the route; the declared type AND the `%PDF-` header are checked here).
 * The latest upload is the current CV; earlier ones stay.
 */
export async function uploadCv(deps: ProfileDeps, caller: Caller, personId: string, upload: CvUpload, maxBytes: number): Promise<ProfileView> {
  if (upload.content.length > maxBytes) throw problems.fileTooLarge(maxBytes);
  if (upload.content.length === 0) throw problems.validation([{ field: 'file', message: 'il file è vuoto' }]);
  if (upload.declaredType !== 'application/pdf' || !looksLikePdf(upload.content)) throw problems.unsupportedFileType('PDF (application/pdf)');
  const fileName = safeFileName(upload.fileName);
  return editProfile(deps, caller, personId, async (tx) => {
    const id = newId();
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    await tx.db
      .insertInto('person_cv_files')
      .values({
        id,
        person_id: personId,
        file_name: fileName,
        media_type: 'application/pdf',
        size_bytes: upload.content.length,
        sha256,
        content: upload.content,
        uploaded_by: caller.actor.accountId,
      })
      .execute();
    return {
      recordType: 'person_cv',
      recordIds: [id],
      fields: ['cv'],
      purpose: 'caricamento curriculum vitae',
      topic: 'people.profile.cv.uploaded',
      payload: { cvId: id, sizeBytes: upload.content.length, sha256 },
    };
  });
}
