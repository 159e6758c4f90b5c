import { randomInt } from 'node:crypto';
import { type Actor, describeScope, type RequestContext } from '../access/actor.ts';
import { romeDateOf } from '../dates.ts';
import type { Tx } from '../db/unitOfWork.ts';
import { newId } from '../ids.ts';
import { entryHash, GENESIS } from './chain.ts';
import type { HeadsSink } from './heads.ts';

export const AUDIT_ACTIONS = ['read', 'search', 'export', 'document', 'write', 'login', 'login_failed', 'logout'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  action: AuditAction;
  recordType: string;
  recordIds: string[];
  /** People whose data this entry concerns: they can see it in "who consulted my record". */
  subjectPersonIds?: string[];
  /** Fields or sections read or written. */
  fields?: string[];
  purpose?: string;
  outcome?: 'ok' | 'denied' | 'failed';
}

export interface AuditWho {
  actor: Actor | null;
  ctx: RequestContext;
}

/**
 * Append-only, hash-chained audit trail. Chains are split into segments (one per day and shard)
 * so concurrent writers do not queue on a single row lock.
 */
export class AuditTrail {
  readonly #sink: HeadsSink;
  readonly #shards: number;
  constructor(sink: HeadsSink, shards = 4) {
    this.#sink = sink;
    this.#shards = shards;
  }

  async record(tx: Tx, who: AuditWho, event: AuditEvent): Promise<void> {
    const at = new Date();
    const segment = `${romeDateOf(at)}#${randomInt(this.#shards)}`;
    await tx.db
      .insertInto('audit_segments')
      .values({ segment, last_seq: 0, last_hash: GENESIS })
      .onConflict((oc) => oc.column('segment').doNothing())
      .execute();
    const head = await tx.db
      .selectFrom('audit_segments')
      .select(['last_seq', 'last_hash'])
      .where('segment', '=', segment)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const fields = {
      id: newId(),
      segment,
      seq: Number(head.last_seq) + 1,
      at: at.toISOString(),
      actorAccountId: who.actor?.accountId ?? null,
      actorRole: who.actor?.role ?? null,
      actorScope: who.actor ? describeScope(who.actor) : null,
      action: event.action,
      recordType: event.recordType,
      recordIds: event.recordIds,
      subjectPersonIds: event.subjectPersonIds ?? [],
      fields: event.fields ?? [],
      purpose: event.purpose ?? null,
      outcome: event.outcome ?? 'ok',
      ip: who.ctx.ip,
      requestId: who.ctx.requestId,
    };
    const hash = entryHash(head.last_hash, fields);
    await tx.db
      .insertInto('audit_entries')
      .values({
        id: fields.id,
        segment,
        seq: fields.seq,
        at,
        actor_account_id: fields.actorAccountId,
        actor_role: fields.actorRole,
        actor_scope: fields.actorScope,
        action: fields.action,
        record_type: fields.recordType,
        record_ids: fields.recordIds,
        subject_person_ids: fields.subjectPersonIds,
        fields: fields.fields,
        purpose: fields.purpose,
        outcome: fields.outcome,
        ip: fields.ip,
        request_id: fields.requestId,
        prev_hash: head.last_hash,
        hash,
      })
      .execute();
    await tx.db.updateTable('audit_segments').set({ last_seq: fields.seq, last_hash: hash }).where('segment', '=', segment).execute();
    tx.afterCommit(() => this.#sink.append({ segment, seq: fields.seq, hash }));
  }
}
