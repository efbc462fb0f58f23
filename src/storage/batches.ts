import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

/**
 * FerretDB 1.24 (PostgreSQL backend) hangs for good when one `update` command carries more than about 50 statements
 * that modify existing documents: each holds a pooled connection and the pool (50) runs dry. Measured here: a batch
 * of 40 completes, 60 never returns. Small batches cost little on MongoDB and keep FerretDB safe.
 */
export const MAX_WRITES_PER_COMMAND = 20;

/** Inserts do not hold a connection per statement the way updates do; 200 per command was measured safe. */
export const MAX_INSERTS_PER_COMMAND = 200;

/**
 * The 50-statement limit is per FerretDB process, not per command: ten pulls each sending a 20-update command at
 * once left FerretDB holding all 50 PostgreSQL connections idle, and every write hung (seen in the full-size bench).
 * So at most two multi-document write commands are in flight per worker process.
 */
export const MAX_CONCURRENT_WRITE_COMMANDS = 2;

let inFlight = 0;
const waiting: Array<() => void> = [];

/** Runs a multi-document write command once fewer than MAX_CONCURRENT_WRITE_COMMANDS are in flight. */
export async function withWriteSlot<T>(command: () => Promise<T>): Promise<T> {
  if (inFlight >= MAX_CONCURRENT_WRITE_COMMANDS) await new Promise<void>((resolve) => waiting.push(resolve));
  else inFlight += 1;
  try {
    return await command();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  }
}

/** `afterBatch` lets a long store report liveness (an activity heartbeat) between commands. */
export async function bulkWriteInBatches<T extends Document>(
  collection: Collection<T>,
  operations: AnyBulkWriteOperation<T>[],
  afterBatch?: () => void,
): Promise<void> {
  for (let i = 0; i < operations.length; i += MAX_WRITES_PER_COMMAND) {
    await withWriteSlot(() =>
      collection.bulkWrite(operations.slice(i, i + MAX_WRITES_PER_COMMAND), { ordered: false }),
    );
    afterBatch?.();
  }
}
