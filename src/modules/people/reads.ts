import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import type { AuditEvent, AuditTrail, AuditWho } from '../../platform/audit/trail.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unitOfWork.ts';
import { problems } from '../../platform/http/problems.ts';
import { scopePeople } from './access.ts';

/** The `:personId` path parameter of the people routes. */
export const PersonParams = z.object({ personId: z.uuid({ message: 'identificativo non valido' }) });

/** The id of a person the actor may see; out of scope (or unknown) is 404. */
export async function personInScope(db: Db, actor: Actor, personId: string): Promise<string> {
  const person = await scopePeople(db.selectFrom('people').select('people.id'), actor).where('people.id', '=', personId).executeTakeFirst();
  if (!person) throw problems.notFound();
  return person.id;
}

/**
 * The audit entry of a consultation (a read unless said otherwise), in a transaction of its own: the people named in
 * `subjectPersonIds` see it in "who consulted my data".
 */
export function auditRead(
  deps: { db: Db; audit: AuditTrail },
  who: AuditWho,
  event: Omit<AuditEvent, 'action'> & Partial<Pick<AuditEvent, 'action'>>,
): Promise<void> {
  return inTransaction(deps.db, (tx) => deps.audit.record(tx, who, { action: 'read', ...event }));
}
