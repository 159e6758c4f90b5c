import { type ApiError, apiRequest, uploadFile } from '../../../app/api.ts';
import type { ConflictInfo, Profile } from './types.ts';

/** Where a profile lives: the citizen's own, or a person's for staff. */
export function profileBase(personId: string | null): string {
  return personId ? `/api/v1/people/${encodeURIComponent(personId)}/profile` : '/api/v1/me/profile';
}

export const saveProfile = (method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => apiRequest<Profile>(method, path, body);

/** The 409's extension members (currentVersion, changedFields, changedBy). */
export function conflictOf(err: ApiError): ConflictInfo {
  const p = err.problem as unknown as Record<string, unknown>;
  return {
    currentVersion: typeof p.currentVersion === 'number' ? p.currentVersion : null,
    changedFields: Array.isArray(p.changedFields) ? (p.changedFields as string[]) : [],
    changedBy: Array.isArray(p.changedBy) ? (p.changedBy as ConflictInfo['changedBy']) : [],
  };
}

/** Uploads the CV (multipart/form-data, part "file"). */
export const uploadCv = (base: string, file: File) => uploadFile<Profile>('PUT', `${base}/cv`, file);
