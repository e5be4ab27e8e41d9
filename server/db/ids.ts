/** Row ids: random UUIDs, the same kind for every table. */
import { randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}
