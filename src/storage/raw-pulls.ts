import { MongoServerError, type Db } from 'mongodb';
import type { EntityLevel } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { COLLECTIONS, DUPLICATE_KEY } from './mongo';

export type RawPullKind = 'account' | `${'entities' | 'metrics'}:${EntityLevel}`;

/** One API exchange kept for audit and re-processing. Secrets are removed before this is built. */
export interface RawPull {
  _id: string;
  platform: Platform;
  accountId: string;
  kind: RawPullKind;
  page: number;
  request: { method: string; url: string; params: Record<string, string> };
  status: number;
  /** The response body exactly as received (redacted), as text: API bodies may hold keys Mongo rejects. */
  body: string;
  pulledAt: Date;
  workflowId: string;
  runId: string;
}

/**
 * Keyed by pull run and page, so a retried activity overwrites its own page instead of adding a copy. Inserted
 * first: almost every page is new, and FerretDB runs an insert several times faster than an upsert.
 */
export async function saveRawPull(db: Db, pull: RawPull): Promise<void> {
  const collection = db.collection<RawPull>(COLLECTIONS.rawPulls);
  try {
    await collection.insertOne(pull);
  } catch (err) {
    if (!(err instanceof MongoServerError) || err.code !== DUPLICATE_KEY) throw err;
    await collection.replaceOne({ _id: pull._id }, pull);
  }
}
