import { performance } from 'node:perf_hooks';
import type { MetricRow } from '../src/domain/metrics';
import { revisionId, writeMetricRevisions, type StoredMetricRevision } from '../src/storage/metrics-history';
import { upsertMetricRows } from '../src/storage/metrics-store';
import { connectDatabase, ensureIndexes } from '../src/storage/mongo';

/**
 * What keeping metrics_history costs a pull: a page of BENCH_ROWS rows (default 500, the batch the main bench upserts)
 * stored new, then restated (every value changed), BENCH_REPEAT times each on fresh accounts. New rows write no
 * history (copy on write); a restated page copies each overwritten revision, and the same number of history documents
 * is also written on its own so its share of the upsert shows. Needs a running database:
 * MONGO_URL=mongodb://127.0.0.1:27017/ npx tsx bench/metrics-history.ts
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 500);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);

function page(accountId: string, conversions: number): MetricRow[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    platform: 'meta',
    accountId,
    advertiserId: 'bench',
    level: 'campaign',
    entityId: `c${i % 50}`,
    entityName: `Campaign ${i % 50}`,
    date: new Date(Date.UTC(2026, 9, 1 + Math.floor(i / 50))).toISOString().slice(0, 10),
    currency: 'KRW',
    timeZone: 'Asia/Seoul',
    impressions: 1000 + i,
    clicks: 10 + i,
    spendMicros: BigInt(100_000 + i) * 1_000_000n,
    conversions,
    conversionValueMicros: 0n,
    mature: false,
  }));
}

const revisions = (rows: MetricRow[], revision: number): StoredMetricRevision[] =>
  rows.map((row) => {
    const rowId = [row.platform, `${row.accountId}-h`, row.level, row.entityId, row.date].join('|');
    return {
      ...row,
      accountId: `${row.accountId}-h`,
      _id: revisionId(rowId, revision),
      rowId,
      revision,
      pulledAt: new Date(),
      rawPullId: 'bench',
    };
  });

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';
  const { client, db } = await connectDatabase(url, `adops_bench_history_${Date.now().toString(36)}`);
  try {
    await ensureIndexes(db);
    const t = {
      insert: [] as number[],
      insertHistory: [] as number[],
      restate: [] as number[],
      restateHistory: [] as number[],
    };
    for (let r = 0; r < REPEAT; r += 1) {
      const account = `act_${r}`;
      t.insert.push(await timed(() => upsertMetricRows(db, page(account, 1), 'bench')));
      // What writing every new row to history as well would add (the design not taken).
      t.insertHistory.push(await timed(() => writeMetricRevisions(db, revisions(page(account, 1), 1))));
      t.restate.push(await timed(() => upsertMetricRows(db, page(account, 2), 'bench')));
      t.restateHistory.push(await timed(() => writeMetricRevisions(db, revisions(page(account, 2), 2))));
    }
    const line = (what: string, all: number[], history: number[]) => {
      const [a, h] = [median(all), median(history)];
      return `${what.padEnd(9)} upsert, with history ${a.toFixed(0).padStart(6)} ms   history alone ${h.toFixed(0).padStart(5)} ms   history share ${((h / a) * 100).toFixed(0)}%   without history ≈ ${(a - h).toFixed(0)} ms`;
    };
    console.log(`${ROWS} rows per page, median of ${REPEAT} (${url.replace(/\/\/[^@/]+@/, '//***@')})`);
    console.log(
      `new       upsert ${median(t.insert).toFixed(0).padStart(6)} ms (no history write; writing each new row to history too would add ${median(t.insertHistory).toFixed(0)} ms)`,
    );
    console.log(line('restated', t.restate, t.restateHistory));
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

void main();
