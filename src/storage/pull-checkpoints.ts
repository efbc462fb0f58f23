import type { Db } from 'mongodb';
import type { PullCheckpoint } from '../domain/pull-steps';
import { COLLECTIONS } from './mongo';

/**
 * The pull's checkpoint, written right after each stored page. Heartbeat details alone are not enough: the SDK
 * sends them at most every 80% of the heartbeat timeout, so a worker killed between two sends would make the retry
 * ask again for up to 16 s of pages already stored. One document per activity (workflow, run, activity id), shared
 * by its attempts, deleted when the pull finishes.
 */
export async function saveCheckpoint(db: Db, activityKey: string, checkpoint: PullCheckpoint): Promise<void> {
  await db
    .collection(COLLECTIONS.pullCheckpoints)
    .replaceOne({ _id: activityKey as never }, { ...checkpoint, savedAt: new Date() }, { upsert: true });
}

export async function loadCheckpoint(db: Db, activityKey: string): Promise<PullCheckpoint | undefined> {
  const doc = await db
    .collection<PullCheckpoint & { _id: string; savedAt: Date }>(COLLECTIONS.pullCheckpoints)
    .findOne({ _id: activityKey });
  if (!doc) return undefined;
  const { _id: _key, savedAt: _savedAt, ...checkpoint } = doc;
  return checkpoint;
}

export async function deleteCheckpoint(db: Db, activityKey: string): Promise<void> {
  await db.collection(COLLECTIONS.pullCheckpoints).deleteOne({ _id: activityKey as never });
}
