import type { Tx } from '../db/unitOfWork.ts';
import { newId } from '../ids.ts';

/** Domain events are written in the same transaction as the change they describe (transactional outbox). */
export async function writeEvent(tx: Tx, topic: string, aggregateId: string, payload: Record<string, unknown>): Promise<void> {
  await tx.db
    .insertInto('outbox')
    .values({ id: newId(), topic, aggregate_id: aggregateId, payload: JSON.stringify(payload) })
    .execute();
}
