import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../src/storage/mongo';
import { MongoTrackerQuota } from '../../src/storage/tracker-quota';
import { useTestEnv } from '../helpers/test-env';

/** The durable tracker quota on the real database (FerretDB in the shared stack). */
const env = useTestEnv({ workers: false });
const NOW = new Date('2026-11-30T10:00:00Z');

describe('MongoTrackerQuota', () => {
  it('lets 40 concurrent takers (two quota objects, as two workers) have exactly the 7 calls of the limit', async () => {
    const a = new MongoTrackerQuota(env.database.db);
    const b = new MongoTrackerQuota(env.database.db);
    const keys = [{ key: 'appsflyer:app:concurrent', limit: 7 }];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take(keys, NOW)));
    expect(results.filter(Boolean)).toHaveLength(7);
    expect(await a.count('appsflyer:app:concurrent', NOW)).toBe(7);
  });

  it('gives the app call back when the account is spent, and counts a new UTC day from zero', async () => {
    const quota = new MongoTrackerQuota(env.database.db);
    const app = { key: 'appsflyer:app:x', limit: 5 };
    const account = { key: 'appsflyer:account:x', limit: 2 };
    expect(await quota.take([app, account], NOW)).toBe(true);
    expect(await quota.take([app, account], NOW)).toBe(true);
    expect(await quota.take([app, account], NOW)).toBe(false);
    expect(await quota.count('appsflyer:app:x', NOW)).toBe(2);
    expect(await quota.count('appsflyer:account:x', NOW)).toBe(2);
    const tomorrow = new Date('2026-12-01T00:00:00Z');
    expect(await quota.take([app, account], tomorrow)).toBe(true);
    expect(await quota.count('appsflyer:account:x', tomorrow)).toBe(1);
    // One ticket per call: 7 concurrent, 2 + 2 today, 1 + 1 tomorrow; the refused call's app ticket was deleted.
    expect(await env.database.db.collection(COLLECTIONS.trackerQuota).countDocuments({})).toBe(13);
  });
});
