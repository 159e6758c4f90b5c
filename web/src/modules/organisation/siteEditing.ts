import type { ApiError } from '../../app/api.ts';
import type { JobCentreDetail, Site } from '../../app/types.ts';

/** A site as `GET /api/v1/job-centres/{id}` returns it: with the version to send back when saving. */
export interface EditableSite extends Site {
  version: number;
}

export interface ManagedJobCentre extends Omit<JobCentreDetail, 'sites'> {
  sites: EditableSite[];
}

export interface StaffMember {
  id: string;
  displayName: string;
  role: string;
  username: string;
}

export interface JobCentreFigures {
  people: number;
  employers: number;
  sites: number;
  staff: number;
  municipalities: number;
}

/** `PATCH /api/v1/sites/{siteId}` → 200. */
export interface SiteUpdateResult {
  id: string;
  version: number;
  changedFields: string[];
}

export const SITE_FIELDS = ['name', 'address', 'phone', 'email', 'openingHours'] as const;
export type SiteField = (typeof SITE_FIELDS)[number];
export type SiteValues = Record<SiteField, string>;
export type SiteChanges = Partial<Record<SiteField, string | null>>;

export function isSiteField(field: string): field is SiteField {
  return (SITE_FIELDS as readonly string[]).includes(field);
}

/** The form's text for each field (absent values are empty). */
export function valuesOf(site: EditableSite): SiteValues {
  return {
    name: site.name,
    address: site.address ?? '',
    phone: site.phone ?? '',
    email: site.email ?? '',
    openingHours: site.openingHours ?? '',
  };
}

/** What the API stores for a typed value: trimmed; empty means "not given" (null), except the required name. */
function stored(field: SiteField, typed: string): string | null {
  const v = typed.trim();
  if (field === 'name') return v;
  return v === '' ? null : v;
}

/**
 * Only the fields the user changed from the values they started from. Sending just these means that,
 * after a conflict, saving again overwrites what the user changed and nothing the other person changed.
 */
export function changesOf(start: SiteValues, typed: SiteValues): SiteChanges {
  const changes: SiteChanges = {};
  for (const f of SITE_FIELDS) {
    const next = stored(f, typed[f]);
    if (next !== stored(f, start[f])) changes[f] = next;
  }
  return changes;
}

/** The site as it is after a successful save of `changes` over `site`. */
export function applyChanges(site: EditableSite, changes: SiteChanges, version: number): EditableSite {
  const next: EditableSite = { ...site, version };
  for (const f of SITE_FIELDS) {
    const v = changes[f];
    if (v === undefined) continue;
    if (f === 'name') next.name = v ?? site.name;
    else next[f] = v;
  }
  return next;
}

/** Fields whose stored value differs between two versions of a site. */
export function differingFields(before: EditableSite, after: EditableSite): SiteField[] {
  const a = valuesOf(before);
  const b = valuesOf(after);
  return SITE_FIELDS.filter((f) => stored(f, a[f]) !== stored(f, b[f]));
}

export interface ConflictInfo {
  currentVersion: number | null;
  changedFields: string[] | null;
}

/**
 * The 409 extension members (`currentVersion`, `changedFields`) when the API client passes them on.
 * Today `api.ts` keeps only the standard problem members, so callers fall back to re-reading the site.
 */
export function conflictOf(err: ApiError): ConflictInfo {
  const p = err.problem as unknown as Record<string, unknown>;
  const version = p['currentVersion'];
  const fields = p['changedFields'];
  return {
    currentVersion: typeof version === 'number' && Number.isInteger(version) ? version : null,
    changedFields: Array.isArray(fields) && fields.every((f) => typeof f === 'string') ? (fields as string[]) : null,
  };
}

/** Server messages start lower-case ("indirizzo email non valido"): shown as a sentence. */
export function sentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  const first = m.charAt(0).toLocaleUpperCase('it-IT') + m.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

export const jobCentrePath = (id: string) => `/api/v1/job-centres/${encodeURIComponent(id)}`;
export const sitePath = (id: string) => `/api/v1/sites/${encodeURIComponent(id)}`;
