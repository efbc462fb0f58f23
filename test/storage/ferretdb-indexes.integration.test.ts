import { describe, expect, it } from 'vitest';
import { COLLECTIONS, ensureIndexes } from '../../src/storage/mongo';
import { ensureFerretdbContainmentIndexes } from '../../src/storage/ferretdb-indexes';
import { useTestEnv } from '../helpers/test-env';

/**
 * On FerretDB over PostgreSQL (the local stack), the equality reads the report and the pulls make must use an index:
 * FerretDB's `explain` returns PostgreSQL's plan. On MongoDB (MONGO_URL pointing at one) there is nothing to check.
 */
const env = useTestEnv({ workers: false });

async function postgresPlan(filter: Record<string, unknown>): Promise<string | null> {
  const explained = await env.database.db.command({ explain: { find: COLLECTIONS.metricsDaily, filter } });
  if (typeof explained.serverInfo?.ferretdbVersion !== 'string') return null;
  return JSON.stringify(explained.queryPlanner);
}

describe('FerretDB containment indexes', () => {
  it('a one-day read of an advertiser and a point read by _id use an index, not a scan of the table', async () => {
    // Enough rows that PostgreSQL prefers an index (on a handful of rows a scan is cheaper and rightly chosen).
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      _id: `meta|act_1|campaign|c${i % 100}|2026-10-${String(1 + Math.floor(i / 100)).padStart(2, '0')}`,
      advertiserId: i % 2 ? 'acme' : 'other',
      platform: 'meta',
      accountId: 'act_1',
      level: 'campaign',
      entityId: `c${i % 100}`,
      date: `2026-10-${String(1 + Math.floor(i / 100)).padStart(2, '0')}`,
      spendMicros: 1_000_000,
    }));
    await env.database.db.collection(COLLECTIONS.metricsDaily).insertMany(rows as never[]);
    // The test env ran ensureIndexes on an empty database; running it again is what every worker start does.
    await ensureIndexes(env.database.db);
    await env.database.db.command({ analyze: COLLECTIONS.metricsDaily }).catch(() => undefined);

    const day = await postgresPlan({ advertiserId: 'acme', date: '2026-10-07' });
    if (day === null) return; // MongoDB: its own indexes serve these reads
    expect(day).toContain('Index Scan');
    expect(day).not.toContain('Seq Scan');
    const byId = await postgresPlan({ _id: 'meta|act_1|campaign|c7|2026-10-03' });
    expect(byId).toContain('Index Scan');

    // Idempotent: a second call adds nothing.
    expect((await ensureFerretdbContainmentIndexes(env.database.db))?.added).toBe(0);
  });
});
