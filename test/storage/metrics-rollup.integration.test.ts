import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineConfig } from '../../src/config/load';
import { accountsFileSchema } from '../../src/config/schema';
import { addDays, datesInRange } from '../../src/domain/dates';
import { decodeEntries } from '../../src/domain/metrics-digest';
import { metricRowId, type MetricRow } from '../../src/domain/metrics';
import type { Platform } from '../../src/domain/platforms';
import type { ReportPeriod } from '../../src/reports/model';
import { buildReportModel } from '../../src/reports/report-data';
import { upsertMetricRows } from '../../src/storage/metrics-store';
import { rollupScope, runRollup } from '../../src/cli/metrics-command';
import {
  digestFromRows,
  markRollupsComplete,
  rollupsComplete,
  STALE_WRITING_MS,
} from '../../src/storage/metrics-rollup';
import { COLLECTIONS, ensureIndexes, ROLLUP_COVERAGE_ID } from '../../src/storage/mongo';
import { testPlatforms, useTestEnv } from '../helpers/test-env';

/**
 * Report rollups (src/storage/metrics-rollup.ts): the digests a write leaves equal a hand-computed fixture, a
 * restatement rebuilds its day, crashes and concurrent writers never let a report show anything but the stored rows,
 * and a report from digests equals the report from rows on generated data.
 */
const env = useTestEnv({ workers: false });
const db = () => env.database.db;

const KRW = 1_000_000n;
const NOW = new Date('2026-11-03T02:00:00Z');

const CREDENTIALS: Record<Platform, Record<string, string>> = {
  meta: { accessToken: 'T' },
  google_ads: { accessToken: 'T' },
  naver: { apiKey: 'K', secretKey: 'S' },
  kakao: { accessToken: 'T' },
  tiktok: { accessToken: 'T' },
};

interface TestAccount {
  platform: Platform;
  accountId: string;
  currency: string;
  advertiserId: string;
}

function configOf(accounts: TestAccount[]): EngineConfig {
  const advertisers = [...new Set(accounts.map((a) => a.advertiserId))].map((id) => ({
    id,
    name: id,
    monthlyBudgets: { KRW: '3000000', USD: '1000' },
    accounts: accounts
      .filter((a) => a.advertiserId === id)
      .map((a) => ({
        platform: a.platform,
        accountId: a.accountId,
        currency: a.currency,
        name: `${a.platform} ${a.accountId}`,
        timeZone: 'Asia/Seoul',
        credentials: CREDENTIALS[a.platform],
      })),
  }));
  return {
    dir: '',
    platforms: testPlatforms(),
    accounts: accountsFileSchema.parse({ timeZone: 'Asia/Seoul', advertisers }),
  };
}

const META: TestAccount = { platform: 'meta', accountId: 'act_1', currency: 'KRW', advertiserId: 'acme' };
const GOOGLE: TestAccount = { platform: 'google_ads', accountId: '1234567890', currency: 'USD', advertiserId: 'acme' };
const FIXTURE_CONFIG = configOf([META, GOOGLE]);

type Figures = Pick<MetricRow, 'spendMicros' | 'impressions' | 'clicks' | 'conversions' | 'conversionValueMicros'>;
const fig = (spendMicros: bigint, impressions: number, clicks: number, conversions: number, revenue: bigint) =>
  ({ spendMicros, impressions, clicks, conversions, conversionValueMicros: revenue }) satisfies Figures;

function row(
  account: TestAccount,
  level: MetricRow['level'],
  entityId: string,
  entityName: string,
  date: string,
  f: Figures,
  campaignId?: string,
): MetricRow {
  return {
    platform: account.platform,
    accountId: account.accountId,
    advertiserId: account.advertiserId,
    level,
    entityId,
    entityName,
    ...(campaignId ? { campaignId } : {}),
    date,
    currency: account.currency,
    timeZone: 'Asia/Seoul',
    ...f,
    mature: date < '2026-10-31',
  };
}

const C1_0930 = row(META, 'campaign', 'C1', 'Brand', '2026-09-30', fig(10_000n * KRW, 1_000, 10, 1, 20_000n * KRW));
const C1_1001 = row(META, 'campaign', 'C1', 'Brand', '2026-10-01', fig(100_000n * KRW, 10_000, 100, 4, 300_000n * KRW));
const A1_1001 = row(META, 'adset', 'A1', 'Women', '2026-10-01', fig(70_000n * KRW, 7_000, 70, 3, 200_000n * KRW), 'C1');
const C1_1031 = row(META, 'campaign', 'C1', 'Brand', '2026-10-31', fig(50_000n * KRW, 5_000, 40, 2, 100_000n * KRW));
const G1_1015 = row(GOOGLE, 'campaign', 'G1', 'Search', '2026-10-15', fig(12_500_000n, 1_000, 25, 1.5, 50_000_000n));
const FIXTURE = [C1_0930, C1_1001, A1_1001, C1_1031, G1_1015];

/** Stored digests by _id, entries sorted by level and entity (a digest keeps the rows' order, which is the store's). */
async function storedDigests() {
  const docs = await db().collection(COLLECTIONS.metricsAccountDaily).find({}).sort({ _id: 1 }).toArray();
  return Object.fromEntries(
    docs.map((d) => [
      String(d._id),
      {
        rows: d.rows as number,
        unsettledRows: d.unsettledRows as number,
        builtAt: d.builtAt as Date,
        entries: decodeEntries(String(d.entries), String(d._id)).sort((a, b) =>
          `${a.level}|${a.entityId}`.localeCompare(`${b.level}|${b.entityId}`),
        ),
      },
    ]),
  );
}

const markers = () => db().collection(COLLECTIONS.rollupDirty).find({}).toArray();
const locks = () => db().collection(COLLECTIONS.rollupLocks).find({}).toArray();

function report(config: EngineConfig, advertiserId: string, period: ReportPeriod, date: string) {
  return buildReportModel(db(), config, { advertiserId, period, date, now: NOW });
}

/** The same report read from the rows only: the database as if digests did not cover it. */
async function reportFromRows(config: EngineConfig, advertiserId: string, period: ReportPeriod, date: string) {
  await db()
    .collection(COLLECTIONS.rollupState)
    .deleteOne({ _id: ROLLUP_COVERAGE_ID as never });
  try {
    return await report(config, advertiserId, period, date);
  } finally {
    await markRollupsComplete(db(), 'test');
  }
}

const krw = (model: Awaited<ReturnType<typeof report>>) => model.sections.find((s) => s.currency === 'KRW')!;

beforeEach(async () => {
  for (const name of [
    COLLECTIONS.metricsDaily,
    COLLECTIONS.metricsHistory,
    COLLECTIONS.metricsAccountDaily,
    COLLECTIONS.rollupDirty,
    COLLECTIONS.rollupLocks,
  ])
    await db().collection(name).deleteMany({});
  if (!(await rollupsComplete(db()))) await markRollupsComplete(db(), 'test');
});

describe('digests kept by upsertMetricRows', () => {
  it('a new database is covered from the start; one that already has metrics_daily is not', async () => {
    // The test env ran ensureIndexes on a new database: no row can predate the digests.
    const state = await db()
      .collection(COLLECTIONS.rollupState)
      .findOne({ _id: ROLLUP_COVERAGE_ID as never });
    expect(state).toMatchObject({ complete: true, by: 'ensureIndexes on a database without metrics_daily' });
    const older = env.database.client.db(`${db().databaseName}_older`);
    try {
      await older.collection(COLLECTIONS.metricsDaily).insertOne({ ...C1_1001, _id: metricRowId(C1_1001) as never });
      await ensureIndexes(older);
      expect(await rollupsComplete(older)).toBe(false);
    } finally {
      await older.dropDatabase();
    }
  });

  it('equal a hand-computed fixture: one digest per account, day and advertiser; nothing left dirty or locked', async () => {
    await upsertMetricRows(db(), FIXTURE, 'fixture');
    const digests = await storedDigests();
    expect(Object.keys(digests)).toEqual([
      'google_ads|1234567890|2026-10-15|acme',
      'meta|act_1|2026-09-30|acme',
      'meta|act_1|2026-10-01|acme',
      'meta|act_1|2026-10-31|acme',
    ]);
    expect(digests['meta|act_1|2026-10-01|acme']).toMatchObject({
      rows: 2, // C1 and its ad set A1
      unsettledRows: 0,
      entries: [
        {
          level: 'adset',
          entityId: 'A1',
          entityName: 'Women',
          campaignId: 'C1',
          currency: 'KRW',
          spendMicros: 70_000_000_000n,
          impressions: 7_000,
          clicks: 70,
          conversions: 3,
          conversionValueMicros: 200_000_000_000n,
        },
        {
          level: 'campaign',
          entityId: 'C1',
          entityName: 'Brand',
          currency: 'KRW',
          spendMicros: 100_000_000_000n,
          impressions: 10_000,
          clicks: 100,
          conversions: 4,
          conversionValueMicros: 300_000_000_000n,
        },
      ],
    });
    expect(digests['meta|act_1|2026-10-31|acme']).toMatchObject({ rows: 1, unsettledRows: 1 }); // mature: false
    expect(digests['google_ads|1234567890|2026-10-15|acme']?.entries).toEqual([
      {
        level: 'campaign',
        entityId: 'G1',
        entityName: 'Search',
        currency: 'USD',
        spendMicros: 12_500_000n,
        impressions: 1_000,
        clicks: 25,
        conversions: 1.5,
        conversionValueMicros: 50_000_000n,
      },
    ]);
    expect(await markers()).toEqual([]);
    expect(await locks()).toEqual([]);
  });

  it('the monthly report from them: October by hand', async () => {
    await upsertMetricRows(db(), FIXTURE, 'fixture');
    for (const a of [META, GOOGLE])
      await db()
        .collection(COLLECTIONS.pullState)
        .replaceOne(
          { _id: `${a.platform}|${a.accountId}` as never },
          { platform: a.platform, accountId: a.accountId, pulledThrough: '2026-11-02', lastPulledAt: NOW },
          { upsert: true },
        );
    const october = await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15');
    expect(october).toMatchObject({ from: '2026-10-01', to: '2026-10-31', previousFrom: '2026-08-31' });
    expect(krw(october).kpis).toMatchObject({
      spendMicros: 150_000n * KRW, // C1 100,000 (10-01) + 50,000 (10-31); A1 is a breakdown of C1, not added
      impressions: 15_000, // 10,000 + 5,000
      clicks: 140, // 100 + 40
      conversions: 6, // 4 + 2
      revenueMicros: 400_000n * KRW, // 300,000 + 100,000
    });
    expect(krw(october).previous).toMatchObject({ spendMicros: 10_000n * KRW, clicks: 10 }); // C1 on 09-30
    expect(krw(october).delta.spend).toBe(14); // 150,000 / 10,000 − 1
    expect(
      krw(october).campaigns.map((c) => [c.campaignId, c.spendMicros, c.adSets.map((a) => a.spendMicros)]),
    ).toEqual([['C1', 150_000n * KRW, [70_000n * KRW]]]);
    expect(krw(october).pacing).toMatchObject({ monthToDateSpendMicros: 150_000n * KRW, daysElapsed: 31 });
    expect(october.sections.find((s) => s.currency === 'USD')?.kpis).toMatchObject({
      spendMicros: 12_500_000n,
      conversions: 1.5,
    });
    expect(october.freshness.map((f) => [f.platform, f.unsettledDays])).toEqual([
      ['meta', ['2026-10-31']], // C1's row of 10-31 is not mature
      ['google_ads', []],
    ]);
  });

  it('a restated day rebuilds that day only, and the report follows', async () => {
    await upsertMetricRows(db(), FIXTURE, 'fixture');
    const before = await storedDigests();
    const restated = { ...C1_1031, spendMicros: 60_000n * KRW, clicks: 45 };
    expect(await upsertMetricRows(db(), [restated, C1_1001], 'restated')).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const after = await storedDigests();
    expect(after['meta|act_1|2026-10-31|acme']?.entries[0]).toMatchObject({ spendMicros: 60_000n * KRW, clicks: 45 });
    // The unchanged day of the same page, and every other day, kept the digest they had.
    for (const id of [
      'meta|act_1|2026-10-01|acme',
      'meta|act_1|2026-09-30|acme',
      'google_ads|1234567890|2026-10-15|acme',
    ])
      expect(after[id]?.builtAt).toEqual(before[id]?.builtAt);
    expect(after['meta|act_1|2026-10-31|acme']?.builtAt).not.toEqual(before['meta|act_1|2026-10-31|acme']?.builtAt);
    expect(krw(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).kpis).toMatchObject({
      spendMicros: 160_000n * KRW, // 100,000 + 60,000
      clicks: 145, // 100 + 45
    });
  });

  it('a row that changes advertiser leaves the old digest and joins the new one', async () => {
    await upsertMetricRows(db(), FIXTURE, 'fixture');
    await upsertMetricRows(db(), [{ ...C1_1031, advertiserId: 'other' }], 'moved');
    const digests = await storedDigests();
    expect(digests['meta|act_1|2026-10-31|acme']).toBeUndefined();
    expect(digests['meta|act_1|2026-10-31|other']?.entries.map((e) => e.entityId)).toEqual(['C1']);
    expect(krw(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).kpis.spendMicros).toBe(100_000n * KRW);
  });

  it('the report reads the digests while they cover the database, and the rows otherwise', async () => {
    await upsertMetricRows(db(), FIXTURE, 'fixture');
    // Tamper with a digest behind the code's back: a report that shows it read the digest.
    const tampered = JSON.stringify([['campaign', 'C1', 'Brand', null, 'KRW', '1000000', 1, 1, 0, '0']]);
    await db()
      .collection(COLLECTIONS.metricsAccountDaily)
      .updateOne({ _id: 'meta|act_1|2026-10-31|acme' as never }, { $set: { entries: tampered } });
    expect(krw(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).kpis.spendMicros).toBe(
      100_001n * KRW, // 100,000 + the tampered 1
    );
    expect(krw(await reportFromRows(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).kpis.spendMicros).toBe(
      150_000n * KRW,
    );
  });
});

describe('crashes, retries and concurrent writers', () => {
  /** A write that dies at its n-th batch (afterBatch is called after each write command). */
  async function crashingUpsert(rows: MetricRow[], failAt: number) {
    let batches = 0;
    await expect(
      upsertMetricRows(db(), rows, 'crash', () => {
        batches += 1;
        if (batches === failAt) throw new Error('worker killed');
      }),
    ).rejects.toThrow('worker killed');
  }

  it('a crash after the rows, before the digest: reports read the rows; the account-day is rebuilt once the marker is stale', async () => {
    await upsertMetricRows(db(), FIXTURE, 'fixture');
    const restated = { ...C1_1031, spendMicros: 70_000n * KRW };
    await crashingUpsert([restated], 2); // batch 1: history copy; batch 2: the update itself, then the crash
    expect(await markers()).toMatchObject([{ state: 'writing', date: '2026-10-31', advertiserId: 'acme' }]);
    expect((await storedDigests())['meta|act_1|2026-10-31|acme']?.entries[0]?.spendMicros).toBe(50_000n * KRW);
    // The stored row says 70,000: so does the report, though the digest still says 50,000.
    expect(krw(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).kpis.spendMicros).toBe(170_000n * KRW);

    // The retry finds the row already written (nothing changes) and cannot know the writer is dead: still dirty.
    await upsertMetricRows(db(), [restated], 'retry');
    expect(await markers()).toHaveLength(1);
    // Another write of that account-day rebuilds it, but leaves the marker of a writer that may still be writing.
    const c2 = row(META, 'campaign', 'C2', 'Promo', '2026-10-31', fig(5_000n * KRW, 500, 5, 0, 0n));
    await upsertMetricRows(db(), [c2], 'another pull');
    expect(await markers()).toMatchObject([{ state: 'writing', token: expect.any(String) }]);
    expect((await storedDigests())['meta|act_1|2026-10-31|acme']?.entries.map((e) => e.entityId)).toEqual(['C1', 'C2']);
    expect(krw(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).kpis.spendMicros).toBe(175_000n * KRW);
    // Once the marker is older than any live write could be, the next write of that account rebuilds the day.
    await db()
      .collection(COLLECTIONS.rollupDirty)
      .updateMany({}, { $set: { at: new Date(Date.now() - STALE_WRITING_MS - 60_000) } });
    await upsertMetricRows(db(), [C1_0930], 'next pull');
    expect(await markers()).toEqual([]);
    expect((await storedDigests())['meta|act_1|2026-10-31|acme']?.entries[0]?.spendMicros).toBe(70_000n * KRW);
    expect(krw(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).kpis.spendMicros).toBe(175_000n * KRW);
  });

  it('a crash after the digests, before their markers are cleared: the retry clears them', async () => {
    const days = datesInRange('2026-10-01', '2026-10-05').map((date) =>
      row(META, 'campaign', 'C1', 'Brand', date, fig(1_000n * KRW, 10, 1, 0, 0n)),
    );
    // Batches: the insert of the 5 rows (1), then the digests of the 5 account-days (2): die right after them.
    await crashingUpsert(days, 2);
    expect(Object.keys(await storedDigests())).toHaveLength(5);
    expect((await markers()).map((m) => [m.date, m.state]).sort()).toEqual(
      datesInRange('2026-10-01', '2026-10-05').map((d) => [d, 'written']),
    );
    expect(await locks()).toEqual([]); // the lease is let go whatever happens
    const monthly = await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15');
    expect(krw(monthly).kpis.spendMicros).toBe(5_000n * KRW); // 5 × 1,000, from the rows of the 5 dirty days
    await upsertMetricRows(db(), days, 'retry'); // every row unchanged; the written markers are rebuilt
    expect(await markers()).toEqual([]);
    expect(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).toEqual(monthly);
  });

  it('a day whose lease another rebuild holds stays dirty and exact, and is rebuilt by the next write', async () => {
    await upsertMetricRows(db(), FIXTURE, 'fixture');
    const lease = { _id: 'meta|act_1|2026-10-31' as never, token: 'someone', expiresAt: new Date(Date.now() + 60_000) };
    await db().collection(COLLECTIONS.rollupLocks).insertOne(lease);
    await upsertMetricRows(db(), [{ ...C1_1031, spendMicros: 80_000n * KRW }], 'restated');
    expect(await markers()).toMatchObject([{ state: 'written', date: '2026-10-31' }]);
    expect(krw(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).kpis.spendMicros).toBe(180_000n * KRW);
    // The holder died: its lease runs out, and the next write of the account takes it over.
    await db()
      .collection(COLLECTIONS.rollupLocks)
      .updateOne({ _id: lease._id }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    await upsertMetricRows(db(), [C1_0930], 'next pull');
    expect(await markers()).toEqual([]);
    expect(await locks()).toEqual([]);
    expect((await storedDigests())['meta|act_1|2026-10-31|acme']?.entries[0]?.spendMicros).toBe(80_000n * KRW);
  });

  it('concurrent writers of one account-day leave digests equal to the rows', async () => {
    for (let round = 0; round < 4; round += 1) {
      const writers = Array.from({ length: 4 }, (_, w) =>
        Array.from({ length: 6 }, (_, e) =>
          row(
            META,
            'campaign',
            `W${w}E${e}`,
            'x',
            '2026-10-20',
            fig(BigInt(1 + round * 100 + w * 10 + e) * KRW, 1, 1, 0, 0n),
          ),
        ),
      );
      await Promise.all(writers.map((rows, w) => upsertMetricRows(db(), rows, `writer-${w}`)));
      const day = { platform: META.platform, accountId: META.accountId, date: '2026-10-20' };
      const stored = (await storedDigests())['meta|act_1|2026-10-20|acme'];
      const fromRows = (await digestFromRows(db(), 'acme', day))[0];
      expect(stored?.rows).toBe(24);
      expect(stored?.entries).toEqual(
        fromRows?.entries.sort((a, b) => `${a.level}|${a.entityId}`.localeCompare(`${b.level}|${b.entityId}`)),
      );
      expect(await markers()).toEqual([]);
    }
  });
});

describe('an older database, digested by adops metrics rollup', () => {
  it('reads the rows until it is digested, then the digests, with the same figures', async () => {
    // Rows written before rollups existed: straight into metrics_daily, no digest, the database not covered.
    await db()
      .collection(COLLECTIONS.rollupState)
      .deleteOne({ _id: ROLLUP_COVERAGE_ID as never });
    await db()
      .collection(COLLECTIONS.metricsDaily)
      .insertMany(FIXTURE.map((r) => ({ ...r, _id: metricRowId(r) })) as never[]);
    const legacy = await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15');
    expect(krw(legacy).kpis.spendMicros).toBe(150_000n * KRW); // by hand above: 100,000 + 50,000

    // Only the KRW account is in this config: the USD one is found in the rows and digested on its own.
    const krwOnly = configOf([META]);
    // A repair of a range digests its days, but cannot say the database is covered: reports still read rows.
    const range = await runRollup(db(), krwOnly, rollupScope({ from: '2026-10-01', to: '2026-10-31' }));
    expect(range).toEqual({ days: 31, rows: 4, busy: [], complete: false }); // 10-01 (C1, A1), 10-15 (G1), 10-31 (C1)
    expect(Object.keys(await storedDigests())).toHaveLength(3);
    // --all finds the days with rows (09-30 too), digests them, and from then on reports read the digests.
    const all = await runRollup(db(), krwOnly, rollupScope({ all: true }));
    expect(all).toEqual({ days: 4, rows: 5, busy: [], complete: true });
    expect(Object.keys(await storedDigests())).toEqual([
      'google_ads|1234567890|2026-10-15|acme',
      'meta|act_1|2026-09-30|acme',
      'meta|act_1|2026-10-01|acme',
      'meta|act_1|2026-10-31|acme',
    ]);
    expect(await report(FIXTURE_CONFIG, 'acme', 'monthly', '2026-10-15')).toEqual(legacy);
  });
});

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GENERATED: TestAccount[] = [
  { platform: 'meta', accountId: 'act_2', currency: 'KRW', advertiserId: 'gen' },
  { platform: 'google_ads', accountId: '5555555555', currency: 'USD', advertiserId: 'gen' },
  { platform: 'naver', accountId: '777', currency: 'KRW', advertiserId: 'gen' },
  { platform: 'kakao', accountId: '888', currency: 'KRW', advertiserId: 'gen-other' },
];

/** Pages as a pull writes them (one account, a few days), then restatements of some rows, on 2026-09-20..11-10. */
function generatedPages(seed: number): MetricRow[][] {
  const next = random(seed);
  const pages: MetricRow[][] = [];
  const all: MetricRow[] = [];
  const dates = datesInRange('2026-09-20', '2026-11-10');
  for (const account of GENERATED) {
    for (let start = 0; start < dates.length; start += 7) {
      const page: MetricRow[] = [];
      for (const date of dates.slice(start, start + 7)) {
        for (let c = 0; c < 3; c += 1) {
          if (next() < 0.2) continue; // a day without delivery
          const spend = BigInt(1 + Math.floor(next() * 500_000)) * 1_000n;
          const clicks = Math.floor(next() * 300);
          // Halves: fractional conversions whose sums are exact in any order.
          const figures = fig(spend, clicks * 20 + 1, clicks, Math.floor(next() * 8) / 2, spend * 3n);
          const name = date < addDays('2026-10-10', c * 9) ? `Camp ${c}` : `Camp ${c} (renamed)`;
          page.push(row(account, 'campaign', `c${c}`, name, date, figures));
          for (let a = 0; a < c; a += 1)
            page.push(
              row(
                account,
                'adset',
                `c${c}a${a}`,
                `Set ${c}.${a}`,
                date,
                { ...figures, spendMicros: spend / 2n },
                `c${c}`,
              ),
            );
        }
      }
      pages.push(page);
      all.push(...page);
    }
  }
  const restated = all
    .filter(() => next() < 0.1)
    .map((r) => ({ ...r, spendMicros: r.spendMicros + 1_000n, mature: true }));
  for (let i = 0; i < restated.length; i += 25) pages.push(restated.slice(i, i + 25));
  return pages;
}

describe('a report from digests equals the report from rows (generated data)', () => {
  const config = configOf(GENERATED);
  for (const seed of [1, 2]) {
    it(`seed ${seed}: monthly, weekly and daily, both advertisers`, async () => {
      for (const page of generatedPages(seed)) await upsertMetricRows(db(), page, `gen-${seed}`);
      expect(await markers()).toEqual([]);
      const cases: Array<[string, ReportPeriod, string]> = [
        ['gen', 'monthly', '2026-10-15'],
        ['gen', 'monthly', '2026-11-02'],
        ['gen', 'weekly', '2026-11-01'],
        ['gen', 'daily', '2026-11-02'],
        ['gen-other', 'monthly', '2026-10-15'],
      ];
      for (const [advertiserId, period, date] of cases) {
        const fromDigests = await report(config, advertiserId, period, date);
        expect(fromDigests.sections.some((s) => s.kpis.spendMicros > 0n)).toBe(true);
        expect(fromDigests).toEqual(await reportFromRows(config, advertiserId, period, date));
      }
    });
  }
});
