import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

/**
 * FerretDB 1.24 (PostgreSQL backend) hangs for good when one `update` command carries more than about 50 statements
 * that modify existing documents: each holds a pooled connection and the pool (50) runs dry. Measured here: a batch
 * of 40 completes, 60 never returns. Small batches cost little on MongoDB and keep FerretDB safe.
 */
export const MAX_WRITES_PER_COMMAND = 20;

/** Inserts do not hold a connection per statement the way updates do; 200 per command was measured safe. */
export const MAX_INSERTS_PER_COMMAND = 200;

/** `afterBatch` lets a long store report liveness (an activity heartbeat) between commands. */
export async function bulkWriteInBatches<T extends Document>(
  collection: Collection<T>,
  operations: AnyBulkWriteOperation<T>[],
  afterBatch?: () => void,
): Promise<void> {
  for (let i = 0; i < operations.length; i += MAX_WRITES_PER_COMMAND) {
    await collection.bulkWrite(operations.slice(i, i + MAX_WRITES_PER_COMMAND), { ordered: false });
    afterBatch?.();
  }
}
