import { problems } from '../http/problems.ts';
import type { Tx } from './unitOfWork.ts';

/**
 * Optimistic concurrency: records the fields a new version changed, and turns a stale write into a 409
 * that names the current version and the fields changed since the caller's version — never their values.
 */
export async function recordChange(tx: Tx, recordType: string, recordId: string, version: number, fields: string[], accountId: string | null): Promise<void> {
  await tx.db.insertInto('record_changes').values({ record_type: recordType, record_id: recordId, version, fields, account_id: accountId }).execute();
}

export async function staleWrite(tx: Tx, recordType: string, recordId: string, callerVersion: number, currentVersion: number) {
  const rows = await tx.db
    .selectFrom('record_changes')
    .select('fields')
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .where('version', '>', callerVersion)
    .execute();
  const changed = [...new Set(rows.flatMap((r) => r.fields))].sort();
  return problems.versionConflict(currentVersion, changed);
}
