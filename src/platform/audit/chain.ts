import { createHash } from 'node:crypto';

/** The fields of an entry that its hash covers, in a fixed order. */
export interface ChainedFields {
  id: string;
  segment: string;
  seq: number;
  at: string;
  actorAccountId: string | null;
  actorRole: string | null;
  actorScope: string | null;
  action: string;
  recordType: string;
  recordIds: string[];
  subjectPersonIds: string[];
  fields: string[];
  purpose: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
}

export const GENESIS = '0'.repeat(64);

export function entryHash(prevHash: string, f: ChainedFields): string {
  const canonical = JSON.stringify([
    f.id,
    f.segment,
    f.seq,
    f.at,
    f.actorAccountId,
    f.actorRole,
    f.actorScope,
    f.action,
    f.recordType,
    f.recordIds,
    f.subjectPersonIds,
    f.fields,
    f.purpose,
    f.outcome,
    f.ip,
    f.requestId,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
