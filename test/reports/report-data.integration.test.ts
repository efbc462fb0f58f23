import { describe, expect, it, beforeAll } from 'vitest';
import type { EngineConfig } from '../../src/config/load';
import { accountsFileSchema } from '../../src/config/schema';
import type { MetricRow } from '../../src/domain/metrics';
import type { PlanRecord } from '../../src/domain/rebalance/plan-record';
import { buildReportModel } from '../../src/reports/report-data';
import type { ReportModel } from '../../src/reports/model';
import { upsertMetricRows } from '../../src/storage/metrics-store';
import { COLLECTIONS } from '../../src/storage/mongo';
import { testPlatforms, useTestEnv } from '../helpers/test-env';

/**
 * A small hand-written advertiser: a KRW Meta account, a USD Google Ads account and a KRW Naver account never pulled,
 * with rows from 2026-10-20 to 2026-11-02 (across the October/November boundary). Every expected figure below is
 * worked out by hand in the comment next to it, never by calling the code under test.
 */
const env = useTestEnv({ workers: false });

const KRW = 1_000_000n; // micros per won
const USD = 1_000_000n; // micros per dollar
const usd = (cents: number) => (BigInt(cents) * USD) / 100n;

const config: EngineConfig = {
  dir: '',
  platforms: testPlatforms(),
  accounts: accountsFileSchema.parse({
    timeZone: 'Asia/Seoul',
    advertisers: [
      {
        id: 'acme',
        name: 'Acme',
        monthlyBudgets: { KRW: '3000000', USD: '1000' },
        accounts: [
          {
            platform: 'meta',
            accountId: 'act_1',
            name: 'Acme KR',
            currency: 'KRW',
            timeZone: 'Asia/Seoul',
            credentials: { accessToken: 'META_TOKEN' },
          },
          {
            platform: 'google_ads',
            accountId: '1234567890',
            name: 'Acme US',
            currency: 'USD',
            timeZone: 'America/New_York',
            credentials: { accessToken: 'GOOGLE_TOKEN' },
          },
          {
            platform: 'naver',
            accountId: '777',
            name: 'Acme Naver',
            currency: 'KRW',
            timeZone: 'Asia/Seoul',
            credentials: { apiKey: 'NAVER_KEY', secretKey: 'NAVER_SECRET' },
          },
        ],
      },
    ],
  }),
};

type Figures = Pick<MetricRow, 'impressions' | 'clicks' | 'conversions' | 'spendMicros' | 'conversionValueMicros'>;
const fig = (spendMicros: bigint, impressions: number, clicks: number, conversions: number, revenue: bigint) =>
  ({ spendMicros, impressions, clicks, conversions, conversionValueMicros: revenue }) satisfies Figures;

function meta(level: 'campaign' | 'adset', entityId: string, name: string, date: string, f: Figures, campaignId?: string) {
  return row('meta', 'act_1', 'KRW', level, entityId, name, date, f, campaignId);
}
function google(date: string, f: Figures) {
  return row('google_ads', '1234567890', 'USD', 'campaign', 'G1', 'Search US', date, f);
}
function row(
  platform: MetricRow['platform'],
  accountId: string,
  currency: string,
  level: 'campaign' | 'adset',
  entityId: string,
  entityName: string,
  date: string,
  f: Figures,
  campaignId?: string,
): MetricRow {
  return {
    platform,
    accountId,
    advertiserId: 'acme',
    level,
    entityId,
    entityName,
    ...(campaignId ? { campaignId } : {}),
    date,
    currency,
    timeZone: 'Asia/Seoul',
    ...f,
    // Days from 11-01 on are still inside the restatement window.
    mature: date < '2026-11-01',
  };
}

const ROWS: MetricRow[] = [
  // KRW campaign C1 "Brand" (renamed since: entities says "Brand (always-on)")
  meta('campaign', 'C1', 'Brand', '2026-10-20', fig(100_000n * KRW, 20_000, 100, 2, 200_000n * KRW)),
  meta('campaign', 'C1', 'Brand', '2026-10-30', fig(100_000n * KRW, 10_000, 100, 5, 400_000n * KRW)),
  meta('campaign', 'C1', 'Brand', '2026-10-31', fig(50_000n * KRW, 5_000, 40, 2, 100_000n * KRW)),
  meta('campaign', 'C1', 'Brand', '2026-11-01', fig(60_000n * KRW, 6_000, 60, 3, 180_000n * KRW)),
  meta('campaign', 'C1', 'Brand', '2026-11-02', fig(80_000n * KRW, 8_000, 80, 4, 320_000n * KRW)),
  // KRW campaign C2, renamed on 11-01 in its rows
  meta('campaign', 'C2', 'Promo Oct', '2026-10-31', fig(300_000n * KRW, 30_000, 150, 10, 600_000n * KRW)),
  meta('campaign', 'C2', 'Promo Nov', '2026-11-01', fig(20_000n * KRW, 2_000, 10, 0, 0n)),
  // Ad sets: a breakdown of their campaign's rows, never added into totals
  meta('adset', 'A1', 'Brand – Women', '2026-10-30', fig(70_000n * KRW, 7_000, 70, 4, 300_000n * KRW), 'C1'),
  meta('adset', 'A2', 'Brand – Men', '2026-10-30', fig(30_000n * KRW, 3_000, 30, 1, 100_000n * KRW), 'C1'),
  meta('adset', 'A3', 'Promo – All', '2026-10-31', fig(300_000n * KRW, 30_000, 150, 10, 600_000n * KRW), 'C2'),
  // USD
  google('2026-10-21', fig(usd(4000), 2_000, 50, 2, usd(8000))),
  google('2026-10-30', fig(usd(1250), 1_000, 25, 1.5, usd(5000))),
  google('2026-11-01', fig(usd(750), 500, 15, 0.5, usd(1000))),
  google('2026-11-02', fig(usd(1000), 800, 20, 1, usd(3000))),
];

const proposal = (entityId: string, name: string, reason: string) => ({
  key: `meta|act_1|campaign|${entityId}`,
  platform: 'meta' as const,
  accountId: 'act_1',
  level: 'campaign' as const,
  entityId,
  name,
  fromMicros: '50000000000',
  toMicros: '60000000000',
  changePct: 0.2,
  predictedDelta: 1,
  predictedLow: 0,
  predictedHigh: 2,
  exposureMicros: '75000000000',
  reason,
  boundBy: [],
});

function plan(planId: string, verdict: 'approved' | 'automatic', by: string): PlanRecord {
  return {
    planId,
    workflowId: `wf-${planId}`,
    ruleId: 'r',
    ruleVersion: '1',
    advertiserId: 'acme',
    currency: 'KRW',
    automation: verdict === 'automatic' ? 'auto' : 'approve',
    objective: 'maxConversions',
    date: '2026-10-30',
    createdAt: '2026-10-30T22:00:00.000Z',
    inputsHash: 'h',
    totalFromMicros: '100000000000',
    totalToMicros: '120000000000',
    proposals: [proposal('C1', 'Brand', 'best marginal ROAS'), proposal('C2', 'Promo', 'below target CPA')],
    skipped: [],
    status: 'applied',
    decision: { verdict, approvedKeys: [], by, reason: 'looks right', at: '2026-10-30T23:00:00.000Z' },
  };
}

function ledger(planId: string, entityId: string, status: string, at: string) {
  return {
    _id: `${planId}#meta|act_1|campaign|${entityId}`,
    planId,
    key: `meta|act_1|campaign|${entityId}`,
    platform: 'meta',
    accountId: 'act_1',
    level: 'campaign',
    entityId,
    fromMicros: '50000000000',
    toMicros: '60000000000',
    status,
    attempts: 1,
    createdAt: at,
    updatedAt: at,
    ...(status === 'applied' ? { appliedAt: at } : {}),
  };
}

let weekly: ReportModel;
let daily: ReportModel;
const NOW = new Date('2026-11-03T02:00:00Z');

beforeAll(async () => {
  const db = env.database.db;
  await upsertMetricRows(db, ROWS, 'fixture');
  await db.collection(COLLECTIONS.entities).insertOne({
    _id: 'meta|act_1|campaign|C1' as never,
    platform: 'meta',
    accountId: 'act_1',
    advertiserId: 'acme',
    level: 'campaign',
    entityId: 'C1',
    name: 'Brand (always-on)',
  });
  await db.collection(COLLECTIONS.budgetPlans).insertMany([
    { _id: 'P1' as never, ...plan('P1', 'approved', 'kim') },
    { _id: 'P2' as never, ...plan('P2', 'automatic', 'rule r') },
  ]);
  await db.collection(COLLECTIONS.budgetLedger).insertMany([
    // 2026-10-30 23:30 UTC is 2026-10-31 08:30 in Seoul: inside the week.
    ledger('P1', 'C1', 'applied', '2026-10-30T23:30:00.000Z'),
    // Pending: nothing happened yet, never an action.
    ledger('P1', 'C2', 'pending', '2026-10-30T23:31:00.000Z'),
    // 2026-11-01 15:30 UTC is already 2026-11-02 00:30 in Seoul: outside the week, inside the 11-02 daily report.
    ledger('P2', 'C2', 'applied', '2026-11-01T15:30:00.000Z'),
  ] as never[]);
  await db.collection(COLLECTIONS.pullState).insertMany([
    {
      _id: 'meta|act_1' as never,
      platform: 'meta',
      accountId: 'act_1',
      pulledThrough: '2026-11-02',
      lastPulledAt: new Date('2026-11-03T01:00:00Z'),
    },
    {
      _id: 'google_ads|1234567890' as never,
      platform: 'google_ads',
      accountId: '1234567890',
      pulledThrough: '2026-11-02',
      lastPulledAt: new Date('2026-11-03T01:05:00Z'),
    },
  ]);
  weekly = await buildReportModel(db, config, { advertiserId: 'acme', period: 'weekly', date: '2026-11-01', now: NOW });
  daily = await buildReportModel(db, config, { advertiserId: 'acme', period: 'daily', now: NOW });
});

const section = (model: ReportModel, currency: string) => model.sections.find((s) => s.currency === currency)!;

describe('weekly report across the month boundary (Mon 2026-10-26 .. Sun 2026-11-01)', () => {
  it('has the ISO week and the week before, one section per currency in config order', () => {
    expect(weekly).toMatchObject({
      from: '2026-10-26',
      to: '2026-11-01',
      previousFrom: '2026-10-19',
      previousTo: '2026-10-25',
      timeZone: 'Asia/Seoul',
      generatedAt: '2026-11-03T02:00:00.000Z',
    });
    expect(weekly.sections.map((s) => s.currency)).toEqual(['KRW', 'USD']);
  });

  it('KRW totals come from campaign rows only, never adding the ad sets again', () => {
    expect(section(weekly, 'KRW').kpis).toEqual({
      spendMicros: 530_000n * KRW, // C1 100,000 + 50,000 + 60,000 = 210,000; C2 300,000 + 20,000 = 320,000
      impressions: 53_000, // C1 10,000 + 5,000 + 6,000; C2 30,000 + 2,000
      clicks: 360, // C1 100 + 40 + 60; C2 150 + 10
      conversions: 20, // C1 5 + 2 + 3; C2 10 + 0
      revenueMicros: 1_280_000n * KRW, // C1 400,000 + 100,000 + 180,000; C2 600,000 + 0
      ctr: 360 / 53_000,
      cpcMicros: 1_472_222_222n, // 530,000 / 360 = 1,472.2222… KRW
      cpmMicros: 10_000n * KRW, // 530,000 × 1,000 / 53,000
      cvr: 20 / 360,
      cpaMicros: 26_500n * KRW, // 530,000 / 20
      roas: 1_280_000 / 530_000,
    });
  });

  it('KRW deltas against the week before (C1 on 10-20 only)', () => {
    const { previous, delta } = section(weekly, 'KRW');
    expect(previous).toMatchObject({ spendMicros: 100_000n * KRW, impressions: 20_000, clicks: 100, conversions: 2 });
    expect(delta.spend).toBeCloseTo(4.3, 12); // 530,000 / 100,000 − 1
    expect(delta.impressions).toBeCloseTo(1.65, 12); // 53,000 / 20,000 − 1
    expect(delta.clicks).toBeCloseTo(2.6, 12); // 360 / 100 − 1
    expect(delta.conversions).toBe(9); // 20 / 2 − 1
    expect(delta.revenue).toBeCloseTo(5.4, 12); // 1,280,000 / 200,000 − 1
    expect(delta.cpc).toBeCloseTo(0.472222222, 9); // 1,472.222222 / 1,000 − 1
    expect(delta.roas).toBeCloseTo(2.4150943396 / 2 - 1, 9); // ROAS 2.4151 against 2
  });

  it('USD is its own section (Google: 10-30 and 11-01)', () => {
    const usdSection = section(weekly, 'USD');
    expect(usdSection.kpis).toEqual({
      spendMicros: 20n * USD, // 12.50 + 7.50
      impressions: 1_500, // 1,000 + 500
      clicks: 40, // 25 + 15
      conversions: 2, // 1.5 + 0.5
      revenueMicros: 60n * USD, // 50 + 10
      ctr: 40 / 1_500,
      cpcMicros: 500_000n, // 20 / 40 = 0.50
      cpmMicros: 13_333_333n, // 20 × 1,000 / 1,500 = 13.333333…
      cvr: 0.05, // 2 / 40
      cpaMicros: 10n * USD, // 20 / 2
      roas: 3, // 60 / 20
    });
    expect(usdSection.delta.spend).toBe(-0.5); // 20 / 40 − 1 (10-21: 40.00)
    expect(usdSection.delta.roas).toBe(0.5); // 3 against 80 / 40 = 2
  });

  it('daily series: every day of the week, zero-filled, campaign rows only', () => {
    const days = section(weekly, 'KRW').daily;
    expect(days.map((d) => d.date)).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(days.map((d) => d.spendMicros / KRW)).toEqual([
      0n,
      0n,
      0n,
      0n,
      100_000n, // C1 only: its ad sets A1 70,000 + A2 30,000 are not added again
      350_000n, // C1 50,000 + C2 300,000
      80_000n, // C1 60,000 + C2 20,000
    ]);
    expect(days[0]).toMatchObject({ impressions: 0, ctr: null, cpcMicros: null, roas: null });
  });

  it('campaigns by spend with their ad sets under them, by spend; current names', () => {
    const campaigns = section(weekly, 'KRW').campaigns;
    expect(
      campaigns.map((c) => ({
        id: c.campaignId,
        name: c.name,
        spend: c.spendMicros / KRW,
        adSets: c.adSets.map((a) => [a.adSetId, a.name, a.spendMicros / KRW]),
      })),
    ).toEqual([
      { id: 'C2', name: 'Promo Nov', spend: 320_000n, adSets: [['A3', 'Promo – All', 300_000n]] },
      {
        id: 'C1',
        name: 'Brand (always-on)', // the entities collection's current name
        spend: 210_000n,
        adSets: [
          ['A1', 'Brand – Women', 70_000n],
          ['A2', 'Brand – Men', 30_000n],
        ],
      },
    ]);
    expect(campaigns[1]?.adSets[0]).toMatchObject({ clicks: 70, cpcMicros: 1_000n * KRW }); // 70,000 / 70
    expect(section(weekly, 'KRW').platforms.map((p) => [p.platform, p.spendMicros / KRW])).toEqual([
      ['meta', 530_000n],
    ]);
  });

  it('pacing for November through 11-01', () => {
    expect(section(weekly, 'KRW').pacing).toEqual({
      monthlyBudgetMicros: 3_000_000n * KRW,
      monthToDateSpendMicros: 80_000n * KRW, // 11-01: C1 60,000 + C2 20,000
      projectedMicros: 2_400_000n * KRW, // 80,000 × 30 / 1
      // (3,000,000 − 80,000) / 29 days = 100,689.655172… KRW: 100,689,655,172 micros each, 12 left over, one more
      // micro for the first 12 days, so the first remaining day needs 100,689,655,173
      requiredDailyMicros: 100_689_655_173n,
      daysElapsed: 1,
      daysInMonth: 30,
    });
    expect(section(weekly, 'USD').pacing).toMatchObject({
      monthToDateSpendMicros: 7_500_000n, // 11-01: 7.50
      projectedMicros: 225n * USD, // 7.50 × 30
      requiredDailyMicros: 34_224_138n, // (1,000 − 7.50) / 29 = 34.2241379…; 27 micros left over → first day +1
    });
  });

  it('actions: the applied change of the week with who approved it, not the pending one', () => {
    expect(weekly.actions).toEqual([
      {
        at: '2026-10-30T23:30:00.000Z',
        platform: 'meta',
        accountId: 'act_1',
        entityId: 'C1',
        name: 'Brand',
        currency: 'KRW',
        fromMicros: 50_000n * KRW,
        toMicros: 60_000n * KRW,
        status: 'applied',
        decidedBy: 'approved by kim',
        reason: 'best marginal ROAS',
        planId: 'P1',
      },
    ]);
  });

  it('freshness per account: unsettled days of the week', () => {
    expect(weekly.freshness).toEqual([
      {
        platform: 'meta',
        accountId: 'act_1',
        accountName: 'Acme KR',
        lastPulledAt: '2026-11-03T01:00:00.000Z',
        pulledThrough: '2026-11-02',
        unsettledDays: ['2026-11-01'], // its rows of 11-01 are not mature yet
      },
      {
        platform: 'google_ads',
        accountId: '1234567890',
        accountName: 'Acme US',
        lastPulledAt: '2026-11-03T01:05:00.000Z',
        pulledThrough: '2026-11-02',
        unsettledDays: ['2026-11-01'],
      },
      {
        platform: 'naver',
        accountId: '777',
        accountName: 'Acme Naver',
        lastPulledAt: null,
        pulledThrough: null,
        // never pulled: no day of the week is known
        unsettledDays: ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01'],
      },
    ]);
  });
});

describe('daily report (default: yesterday in Seoul, 2026-11-02)', () => {
  it('compares with the day before and paces November with spend read from before the period', () => {
    expect(daily).toMatchObject({ from: '2026-11-02', to: '2026-11-02', previousFrom: '2026-11-01' });
    const krw = section(daily, 'KRW');
    expect(krw.kpis.spendMicros).toBe(80_000n * KRW); // C1 on 11-02
    expect(krw.delta.spend).toBe(0); // 80,000 against 11-01: 60,000 + 20,000
    expect(krw.delta.clicks).toBeCloseTo(80 / 70 - 1, 12); // 80 against 60 + 10
    expect(krw.pacing).toMatchObject({
      monthToDateSpendMicros: 160_000n * KRW, // 11-01: 80,000 + 11-02: 80,000
      projectedMicros: 2_400_000n * KRW, // 160,000 × 30 / 2
      requiredDailyMicros: 101_428_571_429n, // (3,000,000 − 160,000) / 28 = 101,428.571428…; 16 micros left → +1
      daysElapsed: 2,
    });
    expect(section(daily, 'USD').pacing).toMatchObject({
      monthToDateSpendMicros: 17_500_000n, // 7.50 + 10.00
      projectedMicros: 262_500_000n, // 17.50 × 30 / 2
      requiredDailyMicros: 35_089_286n, // (1,000 − 17.50) / 28 = 35.0892857…; 20 micros left → +1
    });
  });

  it('shows the automatic change made after midnight in Seoul', () => {
    expect(daily.actions.map((a) => [a.planId, a.entityId, a.decidedBy, a.reason])).toEqual([
      ['P2', 'C2', 'automatic', 'below target CPA'],
    ]);
  });

  it('flags 11-02 as unsettled everywhere', () => {
    expect(daily.freshness.map((f) => f.unsettledDays)).toEqual([['2026-11-02'], ['2026-11-02'], ['2026-11-02']]);
  });
});
