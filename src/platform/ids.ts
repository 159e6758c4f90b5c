import { v7 } from 'uuid';

/** Row ids: UUIDv7 made in application code (PostgreSQL 15 has no uuidv7()). */
export function newId(): string {
  return v7();
}
