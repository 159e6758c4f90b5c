import type { Updateable } from 'kysely';
import type { Actor, RequestContext } from '../../../../platform/access/actor.ts';
import type { AuditTrail } from '../../../../platform/audit/trail.ts';
import type { Db } from '../../../../platform/db/database.ts';
import type { Tx } from '../../../../platform/db/unitOfWork.ts';
import { inTransaction } from '../../../../platform/db/unitOfWork.ts';
import { recordChange, staleWrite } from '../../../../platform/db/versioning.ts';
import { writeEvent } from '../../../../platform/events/outbox.ts';
import { problems } from '../../../../platform/http/problems.ts';
import { lockEditableSubject, type ProfileSubject, type ProfileView, profileView } from '../store.ts';
import type { PersonProfilesTable } from '../tables.ts';

/** What every profile use case needs. */
export interface ProfileDeps {
  db: Db;
  audit: AuditTrail;
}

export interface Caller {
  actor: Actor;
  ctx: RequestContext;
}

export interface EditRecord {
  recordType: string;
  recordIds: string[];
  fields: string[];
  purpose: string;
  topic: string;
  payload: Record<string, unknown>;
}

/**
 * The frame of every profile edit: one transaction that authorises first (locking the person), runs the change, then
 * writes the audit entry naming the person and the domain event. Answers the profile as it now is.
 */
export async function editProfile(
  deps: ProfileDeps,
  caller: Caller,
  personId: string,
  change: (tx: Tx, subject: ProfileSubject) => Promise<EditRecord>,
): Promise<ProfileView> {
  return inTransaction(deps.db, async (tx) => {
    const subject = await lockEditableSubject(tx, caller.actor, personId);
    const record = await change(tx, subject);
    await deps.audit.record(tx, caller, {
      action: 'write',
      recordType: record.recordType,
      recordIds: record.recordIds,
      subjectPersonIds: [personId],
      fields: record.fields,
      purpose: record.purpose,
    });
    await writeEvent(tx, record.topic, personId, { personId, ...record.payload, byRole: caller.actor.role });
    return profileView(tx.db, subject);
  });
}

/**
 * A stale write: 409 with currentVersion and changedFields (src/platform/db/versioning.ts), plus who changed the record
 * since the caller's version (name and role of the accounts, when), so the form can say who and what changed.
 */
async function conflict(tx: Tx, recordType: string, id: string, callerVersion: number, currentVersion: number) {
  const problem = await staleWrite(tx, recordType, id, callerVersion, currentVersion);
  const changes = await tx.db
    .selectFrom('record_changes as rc')
    .leftJoin('accounts as a', 'a.id', 'rc.account_id')
    .select(['a.display_name', 'a.role', 'rc.changed_at'])
    .where('rc.record_type', '=', recordType)
    .where('rc.record_id', '=', id)
    .where('rc.version', '>', callerVersion)
    .orderBy('rc.version')
    .execute();
  problem.extra.changedBy = changes.map((c) => ({ name: c.display_name, role: c.role, at: new Date(c.changed_at).toISOString() }));
  return problem;
}

/** Locks the profile row and checks the caller's version (0 = no profile yet); stale → 409 with the fields changed since. */
export async function lockProfileVersion(tx: Tx, personId: string, callerVersion: number): Promise<number> {
  const row = await tx.db.selectFrom('person_profiles').select('version').where('person_id', '=', personId).forUpdate().executeTakeFirst();
  const current = row?.version ?? 0;
  if (current !== callerVersion) throw await conflict(tx, 'person_profile', personId, callerVersion, current);
  return current;
}

type ProfileColumns = Omit<Updateable<PersonProfilesTable>, 'person_id' | 'version' | 'updated_at'>;

/** Writes profile-level columns as a new version (creating the row on the first save) and records the fields changed. */
export async function saveProfileColumns(tx: Tx, personId: string, current: number, set: ProfileColumns, fields: string[], accountId: string): Promise<number> {
  const version = current + 1;
  const values = { ...set, version, updated_at: new Date() };
  // Upsert: a row may exist with version 0 (only the citizen's progress through the steps saved so far).
  await tx.db
    .insertInto('person_profiles')
    .values({ person_id: personId, ...values } as never)
    .onConflict((oc) => oc.column('person_id').doUpdateSet(values as never))
    .execute();
  await recordChange(tx, 'person_profile', personId, version, fields, accountId);
  return version;
}

/** Compares the caller's row version with the stored one; stale → 409 naming the fields changed since. */
export async function checkRowVersion(tx: Tx, recordType: string, id: string, callerVersion: number, currentVersion: number): Promise<void> {
  if (callerVersion !== currentVersion) throw await conflict(tx, recordType, id, callerVersion, currentVersion);
}

/** Fields whose values differ between two objects (for the change record). */
export function changedKeys<T extends Record<string, unknown>>(before: T, after: T): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/**
 * A CP2011 code that exists; a ministerial job title (6th level) becomes its unit (5th level), the level the profile
 * keeps. `minLevel`: 5 for experiences, 4 for wanted occupations.
 */
export async function occupationCode(tx: Tx, code: string, field: string, minLevel: number): Promise<string> {
  const row = await tx.db.selectFrom('occupations').select(['code', 'level', 'parent_code']).where('code', '=', code).executeTakeFirst();
  if (!row) throw problems.validation([{ field, message: `la professione ${code} non esiste nella classificazione ISTAT CP2011` }]);
  if (row.level < minLevel)
    throw problems.validation([
      { field, message: minLevel === 5 ? 'scegliete una professione specifica (unità professionale, 5° livello)' : 'scegliete una professione più specifica' },
    ]);
  return row.level === 6 && row.parent_code ? row.parent_code : row.code;
}

export async function checkSector(tx: Tx, code: string | null, field: string): Promise<void> {
  if (!code) return;
  const row = await tx.db.selectFrom('sectors').select('code').where('code', '=', code).executeTakeFirst();
  if (!row) throw problems.validation([{ field, message: `il settore ${code} non esiste nella classificazione ATECO 2007` }]);
}
