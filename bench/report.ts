import { isDeepStrictEqual } from 'node:util';
import type { Collection, Db } from 'mongodb';
import type { EngineConfig } from '../src/config/load';
import { accountsFileSchema } from '../src/config/schema';
import { addDays, datesInRange } from '../src/domain/dates';
import { metricRowId, type MetricRow } from '../src/domain/metrics';
import type { Platform } from '../src/domain/platforms';
import { renderReport } from '../src/reports/render';
import type { ReportModel } from '../src/reports/model';
import { buildReportModel } from '../src/reports/report-data';
import { MAX_CONCURRENT_WRITE_COMMANDS, MAX_INSERTS_PER_COMMAND } from '../src/storage/batches';
import { markRollupsComplete, rebuildRollups } from '../src/storage/metrics-rollup';
import { COLLECTIONS, connectDatabase, ensureIndexes, ROLLUP_COVERAGE_ID } from '../src/storage/mongo';

/**
 * The monthly report's database work on 100k and 1M synthetic metrics_daily rows: one advertiser, four accounts
 * (three KRW, one USD), campaigns with two ad sets each, 365 days. Each size gets a private database on MONGO_URL,
 * dropped afterwards. The baseline, measured in the same run, is the least any report must do: read the month's
 * rows into memory with plain finds (one per day: FerretDB pushes equality down, not date ranges), and the ratio
 * report/baseline is the figure to track. Run alone: `npx tsx bench/report.ts`; BENCH_REPORT_SIZES=100000,1000000.
 *
 * The rows go straight into metrics_daily (not through upsertMetricRows, which would take an hour at 1M), so the
 * report's digests are built afterwards the way `adops metrics rollup --all` builds them for an older database: that
 * build is timed on its own (rows/s). The report then reads the digests. BENCH_REPORT_FROM_ROWS=1 also builds it
 * from the rows, as before the digests, and checks both models are identical (default: at 100k rows or fewer).
 */
const SIZES = (process.env.BENCH_REPORT_SIZES ?? '100000,1000000').split(',').map(Number);
const DEFAULT_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';
const FIRST_DAY = '2025-11-01';
const DAYS = 365; // through 2026-10-31
const REPORT_MONTH = '2026-10-15';
const NOW = new Date('2026-11-03T00:00:00Z');
const ACCOUNTS: Array<{ platform: Platform; accountId: string; currency: string }> = [
  { platform: 'meta', accountId: 'act_900000001', currency: 'KRW' },
  { platform: 'google_ads', accountId: '9000000001', currency: 'KRW' },
  { platform: 'naver', accountId: '9000001', currency: 'KRW' },
  { platform: 'google_ads', accountId: '9000000002', currency: 'USD' },
];
const AD_SETS_PER_CAMPAIGN = 2;
const FROM_ROWS_UP_TO = process.env.BENCH_REPORT_FROM_ROWS === '1' ? Infinity : 100_000;

function config(): EngineConfig {
  const credentials: Record<Platform, Record<string, string>> = {
    meta: { accessToken: 'T' },
    google_ads: { accessToken: 'T' },
    naver: { apiKey: 'K', secretKey: 'S' },
    kakao: { accessToken: 'T' },
    tiktok: { accessToken: 'T' },
  };
  return {
    dir: '',
    platforms: {} as EngineConfig['platforms'],
    accounts: accountsFileSchema.parse({
      timeZone: 'Asia/Seoul',
      advertisers: [
        {
          id: 'bench-report',
          name: 'Bench report',
          monthlyBudgets: { KRW: '900000000', USD: '200000' },
          accounts: ACCOUNTS.map((a) => ({
            ...a,
            name: `Bench ${a.accountId}`,
            timeZone: 'Asia/Seoul',
            credentials: credentials[a.platform],
          })),
        },
      ],
    }),
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so two runs insert the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One day's rows: per account and campaign, the campaign row and its ad sets (which split the campaign's figures). */
function* rowsOfDay(date: string, campaigns: number, next: () => number): Generator<MetricRow> {
  const mature = date < addDays(FIRST_DAY, DAYS - 28);
  for (const account of ACCOUNTS) {
    const unit = account.currency === 'KRW' ? 1_000_000n : 1_000n; // KRW whole won, USD tenths of a cent
    for (let c = 0; c < campaigns; c++) {
      const base = { ...account, advertiserId: 'bench-report', date, timeZone: 'Asia/Seoul', mature };
      const spend = BigInt(10_000 + Math.floor(next() * 90_000)) * unit;
      const impressions = 1_000 + Math.floor(next() * 9_000);
      const clicks = Math.floor(impressions * 0.02);
      const campaignId = `c${c}`;
      const figures = (share: number) => ({
        spendMicros: (spend * BigInt(Math.round(share * 100))) / 100n,
        impressions: Math.round(impressions * share),
        clicks: Math.round(clicks * share),
        conversions: Math.round(clicks * 0.05 * share),
        conversionValueMicros: (spend * 3n * BigInt(Math.round(share * 100))) / 100n,
      });
      yield { ...base, level: 'campaign', entityId: campaignId, entityName: `Campaign ${c}`, ...figures(1) };
      for (let a = 0; a < AD_SETS_PER_CAMPAIGN; a++)
        yield {
          ...base,
          level: 'adset',
          entityId: `${campaignId}a${a}`,
          entityName: `Ad set ${c}.${a}`,
          campaignId,
          ...figures(1 / AD_SETS_PER_CAMPAIGN),
        };
    }
  }
}

/** Plain insertMany in the batch size FerretDB takes (src/storage/batches.ts), two commands in flight. */
async function insertRows(db: Db, size: number): Promise<number> {
  const campaigns = Math.max(1, Math.round(size / DAYS / ACCOUNTS.length / (1 + AD_SETS_PER_CAMPAIGN)));
  const collection: Collection = db.collection(COLLECTIONS.metricsDaily);
  const next = random(size);
  const now = new Date();
  let batch: object[] = [];
  let inserted = 0;
  const inFlight = new Set<Promise<unknown>>();
  const flush = async () => {
    const docs = batch;
    batch = [];
    inserted += docs.length;
    const p = collection.insertMany(docs, { ordered: false }).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= MAX_CONCURRENT_WRITE_COMMANDS) await Promise.race(inFlight);
  };
  for (const date of datesInRange(FIRST_DAY, addDays(FIRST_DAY, DAYS - 1))) {
    for (const row of rowsOfDay(date, campaigns, next)) {
      batch.push({ ...row, _id: metricRowId(row), revision: 1, firstSeenAt: now, updatedAt: now, rawPullId: 'bench' });
      if (batch.length === MAX_INSERTS_PER_COMMAND) await flush();
    }
  }
  if (batch.length > 0) await flush();
  await Promise.all(inFlight);
  return inserted;
}

/** The baseline: the month's rows read into memory, one equality find per day, four at a time like the report. */
async function readMonth(db: Db, dates: string[]): Promise<number> {
  let rows = 0;
  let i = 0;
  const worker = async () => {
    while (i < dates.length) {
      const date = dates[i++];
      const docs = await db.collection(COLLECTIONS.metricsDaily).find({ advertiserId: 'bench-report', date }).toArray();
      rows += docs.length; // added after the await: `rows += await …` would add to a stale value
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return rows;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

async function benchSize(url: string, size: number): Promise<void> {
  const { client, db } = await connectDatabase(url, `adops_bench_report_${Date.now().toString(36)}`);
  try {
    await ensureIndexes(db);
    // Rows written around upsertMetricRows: the database is not covered by digests until they are built.
    await db.collection(COLLECTIONS.rollupState).deleteOne({ _id: ROLLUP_COVERAGE_ID as never });
    const insert = await timed(() => insertRows(db, size));
    console.log(
      `${insert.value} rows inserted in ${(insert.ms / 1000).toFixed(1)} s (${Math.round(insert.value / (insert.ms / 1000))} rows/s)`,
    );
    const build = await timed(() =>
      rebuildRollups(db, datesInRange(FIRST_DAY, addDays(FIRST_DAY, DAYS - 1)), { accounts: ACCOUNTS }),
    );
    const digests = await db.collection(COLLECTIONS.metricsAccountDaily).countDocuments();
    console.log(
      `  digests built: ${build.value.rows} rows of ${build.value.days} days into ${digests} account-day digests in ` +
        `${(build.ms / 1000).toFixed(1)} s (${Math.round(build.value.rows / (build.ms / 1000))} rows/s)`,
    );
    const request = { advertiserId: 'bench-report', period: 'monthly' as const, date: REPORT_MONTH, now: NOW };
    const month = datesInRange('2026-10-01', '2026-10-31');
    const baseline = await timed(() => readMonth(db, month));
    console.log(
      `  baseline: ${baseline.value} rows of October read by 31 one-day finds in ${(baseline.ms / 1000).toFixed(2)} s`,
    );
    let fromRows: { ms: number; value: ReportModel } | undefined;
    if (size <= FROM_ROWS_UP_TO) {
      fromRows = await timed(() => buildReportModel(db, config(), request));
      console.log(
        `  monthly report from the rows (no digests): ${(fromRows.ms / 1000).toFixed(2)} s; ` +
          `report/baseline = ${(fromRows.ms / baseline.ms).toFixed(2)}`,
      );
    }
    await markRollupsComplete(db, 'bench/report.ts');
    const report = await timed(() => buildReportModel(db, config(), request));
    const krw = report.value.sections.find((s) => s.currency === 'KRW');
    console.log(
      `  monthly report (aggregation only, from digests): ${(report.ms / 1000).toFixed(2)} s, ` +
        `${report.value.sections.length} sections, ${krw?.campaigns.length ?? 0} KRW campaigns; ` +
        `report/baseline = ${(report.ms / baseline.ms).toFixed(2)}` +
        (fromRows ? `; identical to the report from rows: ${isDeepStrictEqual(report.value, fromRows.value)}` : ''),
    );
    const rendered = await timed(() => renderReport(report.value, ['xlsx', 'csv', 'html', 'pdf'], 'ko-KR'));
    const bytes = rendered.value.reduce((sum, f) => sum + f.content.length, 0);
    console.log(
      `  every format (xlsx, csv, html, pdf): ${(rendered.ms / 1000).toFixed(2)} s, ${bytes} bytes; ` +
        `whole report ${((report.ms + rendered.ms) / 1000).toFixed(2)} s`,
    );
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}

/** Also part of `npm run bench` (100k rows by default there; BENCH=report runs only this). */
export async function runReportBench(url = DEFAULT_URL, sizes = SIZES): Promise<void> {
  for (const size of sizes) {
    console.log(`\n== report: ${size} synthetic rows ==`);
    await benchSize(url, size);
  }
}

if (require.main === module) {
  runReportBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
