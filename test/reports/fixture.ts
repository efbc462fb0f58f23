import type {
  CurrencySection,
  DailyPoint,
  KpiDelta,
  Kpis,
  ReportModel,
  Totals,
} from '../../src/reports/model';

/** Ratios the way the model defines them (null over zero), so the fixture's figures agree with each other. */
export function kpis(t: Totals): Kpis {
  return {
    ...t,
    ctr: t.impressions > 0 ? t.clicks / t.impressions : null,
    cpcMicros: t.clicks > 0 ? t.spendMicros / BigInt(t.clicks) : null,
    cpmMicros: t.impressions > 0 ? (t.spendMicros * 1000n) / BigInt(t.impressions) : null,
    cvr: t.clicks > 0 ? t.conversions / t.clicks : null,
    cpaMicros: t.conversions > 0 ? t.spendMicros / BigInt(t.conversions) : null,
    roas: t.spendMicros > 0n ? Number(t.revenueMicros) / Number(t.spendMicros) : null,
  };
}

function delta(current: Kpis, previous: Kpis): KpiDelta {
  const change = (c: number | bigint | null, p: number | bigint | null) =>
    c === null || p === null || Number(p) === 0 ? null : (Number(c) - Number(p)) / Number(p);
  return {
    spend: change(current.spendMicros, previous.spendMicros),
    impressions: change(current.impressions, previous.impressions),
    clicks: change(current.clicks, previous.clicks),
    conversions: change(current.conversions, previous.conversions),
    revenue: change(current.revenueMicros, previous.revenueMicros),
    ctr: change(current.ctr, previous.ctr),
    cpc: change(current.cpcMicros, previous.cpcMicros),
    cpm: change(current.cpmMicros, previous.cpmMicros),
    cvr: change(current.cvr, previous.cvr),
    cpa: change(current.cpaMicros, previous.cpaMicros),
    roas: change(current.roas, previous.roas),
  };
}

const t = (spendMicros: bigint, impressions: number, clicks: number, conversions: number, revenueMicros: bigint) => ({
  spendMicros,
  impressions,
  clicks,
  conversions,
  revenueMicros,
});

const DATES = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];

function daily(totals: Totals[]): DailyPoint[] {
  return totals.map((day, i) => ({ date: DATES[i] as string, ...kpis(day) }));
}

// KRW: Naver search (a campaign with two ad sets) and a Meta KRW account. Sums add up: 2 ad sets = their campaign,
// campaigns = platforms = section total = sum of the daily points.
const KRW_DAILY = [
  t(180_000_000_000n, 40_000, 800, 20, 600_000_000_000n),
  t(190_000_000_000n, 42_000, 820, 21, 640_000_000_000n),
  t(175_000_000_000n, 39_000, 760, 18, 560_000_000_000n),
  t(200_000_000_000n, 45_000, 900, 25, 700_000_000_000n),
  t(210_000_000_000n, 47_000, 950, 26, 760_000_000_000n),
  t(160_000_000_000n, 36_000, 700, 15, 480_000_000_000n),
  t(119_000_000_000n, 31_000, 570, 11, 380_000_000_000n),
];
const KRW_TOTAL = t(1_234_000_000_000n, 280_000, 5_500, 136, 4_120_000_000_000n);
const KRW_PREVIOUS = t(1_100_000_000_000n, 250_000, 5_000, 140, 3_900_000_000_000n);

const NAVER_BRAND = t(734_000_000_000n, 160_000, 3_500, 96, 2_820_000_000_000n);
const META_KRW = t(500_000_000_000n, 120_000, 2_000, 40, 1_300_000_000_000n);

const krw: CurrencySection = {
  currency: 'KRW',
  kpis: kpis(KRW_TOTAL),
  previous: kpis(KRW_PREVIOUS),
  delta: delta(kpis(KRW_TOTAL), kpis(KRW_PREVIOUS)),
  daily: daily(KRW_DAILY),
  platforms: [
    { platform: 'naver', ...kpis(NAVER_BRAND) },
    { platform: 'meta', ...kpis(META_KRW) },
  ],
  campaigns: [
    {
      platform: 'naver',
      accountId: '7654321',
      campaignId: 'cmp-brand',
      name: '브랜드 검색_겨울 시즌',
      ...kpis(NAVER_BRAND),
      adSets: [
        { adSetId: 'grp-core', name: '핵심 키워드', ...kpis(t(500_000_000_000n, 100_000, 2_400, 70, 2_000_000_000_000n)) },
        { adSetId: 'grp-long', name: '롱테일 키워드', ...kpis(t(234_000_000_000n, 60_000, 1_100, 26, 820_000_000_000n)) },
      ],
    },
    {
      platform: 'meta',
      accountId: 'act_1001',
      campaignId: '120210000000001',
      name: 'Winter Sale – Retargeting',
      ...kpis(META_KRW),
      adSets: [],
    },
  ],
  pacing: {
    monthlyBudgetMicros: 5_000_000_000_000n,
    monthToDateSpendMicros: 4_650_000_000_000n,
    projectedMicros: 4_810_344_827_586n,
    requiredDailyMicros: 350_000_000_000n,
    daysElapsed: 29,
    daysInMonth: 30,
  },
};

// USD: one Meta account. Amounts with cents, a CPC with sub-cent micros, and a name that would be markup if not
// escaped (names come from the platforms).
const USD_DAILY = [
  t(150_250_000n, 5_000, 90, 3, 410_000_000n),
  t(160_110_000n, 5_200, 95, 4, 520_500_000n),
  t(170_000_000n, 5_400, 101, 4, 480_000_000n),
  t(180_200_000n, 5_900, 110, 5, 615_250_000n),
  t(190_000_000n, 6_100, 115, 5, 700_000_000n),
  t(200_000_000n, 6_300, 120, 6, 690_000_000n),
  t(184_000_000n, 5_100, 158, 3, 390_000_000n),
];
const USD_TOTAL = t(1_234_560_000n, 39_000, 789, 30, 3_805_750_000n);
const USD_PREVIOUS = t(1_300_000_000n, 41_000, 800, 25, 3_500_000_000n);

const usd: CurrencySection = {
  currency: 'USD',
  kpis: kpis(USD_TOTAL),
  previous: kpis(USD_PREVIOUS),
  delta: delta(kpis(USD_TOTAL), kpis(USD_PREVIOUS)),
  daily: daily(USD_DAILY),
  platforms: [{ platform: 'meta', ...kpis(USD_TOTAL) }],
  campaigns: [
    {
      platform: 'meta',
      accountId: 'act_2002',
      campaignId: '120210000000777',
      name: '<script>alert("x")</script> US & "Global"',
      ...kpis(USD_TOTAL),
      adSets: [{ adSetId: '120210000000778', name: 'Lookalike 1%', ...kpis(USD_TOTAL) }],
    },
  ],
};

export const REPORT: ReportModel = {
  advertiserId: 'dalbit-foods',
  advertiserName: '달빛식품 (Dalbit Foods)',
  period: 'weekly',
  from: '2026-11-23',
  to: '2026-11-29',
  previousFrom: '2026-11-16',
  previousTo: '2026-11-22',
  timeZone: 'Asia/Seoul',
  generatedAt: '2026-11-30T00:15:00Z',
  sections: [krw, usd],
  actions: [
    {
      at: '2026-11-27T05:30:00Z',
      platform: 'naver',
      accountId: '7654321',
      entityId: 'cmp-brand',
      name: '브랜드 검색_겨울 시즌',
      currency: 'KRW',
      fromMicros: 100_000_000_000n,
      toMicros: 120_000_000_000n,
      status: 'applied',
      decidedBy: 'approved by kim.ae',
      reason: 'ROAS 385% above target 300% for 7 days',
      planId: 'plan-2026-11-27-01',
    },
  ],
  freshness: [
    {
      platform: 'naver',
      accountId: '7654321',
      accountName: '달빛식품 네이버',
      lastPulledAt: '2026-11-30T00:05:00Z',
      pulledThrough: '2026-11-29',
      unsettledDays: ['2026-11-28', '2026-11-29'],
    },
    {
      platform: 'meta',
      accountId: 'act_1001',
      accountName: 'Dalbit KR',
      lastPulledAt: '2026-11-30T00:06:00Z',
      pulledThrough: '2026-11-29',
      unsettledDays: ['2026-11-27', '2026-11-28', '2026-11-29'],
    },
    {
      platform: 'meta',
      accountId: 'act_2002',
      accountName: 'Dalbit US',
      lastPulledAt: null,
      pulledThrough: null,
      unsettledDays: [],
    },
  ],
};

/**
 * The same report for an advertiser with tracker apps (config/trackers.yaml): figures written by hand. The KRW Meta
 * campaign has tracker figures in KRW (ROAS 1,500,000 / 500,000 = 300%) and in USD from a second app (no ROAS: the
 * currencies differ); the Naver campaign has none; the USD campaign's ROAS is 2,345.67 / 1,234.56.
 */
const [naverBrand, metaKrw] = krw.campaigns as [CurrencySection['campaigns'][number], CurrencySection['campaigns'][number]];
const [metaUsd] = usd.campaigns as [CurrencySection['campaigns'][number]];

export const TRACKER_REPORT: ReportModel = {
  ...REPORT,
  sections: [
    {
      ...krw,
      campaigns: [
        { ...naverBrand, tracker: [] },
        {
          ...metaKrw,
          tracker: [
            {
              currency: 'KRW',
              installs: 1_234,
              reEngagements: 56,
              events: 7_890,
              revenueMicros: 1_500_000_000_000n,
              costMicros: 480_000_000_000n,
              roas: 3,
              roasNote: null,
              unsettledDays: ['2026-11-28', '2026-11-29'],
            },
            {
              currency: 'USD',
              installs: 10,
              reEngagements: 0,
              events: 25,
              revenueMicros: 123_450_000n,
              costMicros: null,
              roas: null,
              roasNote: 'currency_mismatch',
              unsettledDays: [],
            },
          ],
        },
      ],
      tracker: [
        {
          currency: 'KRW',
          campaigns: 1,
          installs: 1_234,
          reEngagements: 56,
          events: 7_890,
          revenueMicros: 1_500_000_000_000n,
          costMicros: 480_000_000_000n,
          mediaSpendMicros: 500_000_000_000n,
          mediaConversions: 40,
          mediaRevenueMicros: 1_300_000_000_000n,
          roas: 3,
          roasNote: null,
          revenueDifferenceMicros: 200_000_000_000n,
        },
        {
          currency: 'USD',
          campaigns: 1,
          installs: 10,
          reEngagements: 0,
          events: 25,
          revenueMicros: 123_450_000n,
          costMicros: null,
          mediaSpendMicros: 500_000_000_000n,
          mediaConversions: 40,
          mediaRevenueMicros: 1_300_000_000_000n,
          roas: null,
          roasNote: 'currency_mismatch',
          revenueDifferenceMicros: null,
        },
      ],
    },
    {
      ...usd,
      campaigns: [
        {
          ...metaUsd,
          tracker: [
            {
              currency: 'USD',
              installs: 321,
              reEngagements: 4,
              events: 100,
              revenueMicros: 2_345_670_000n,
              costMicros: 1_000_000_000n,
              roas: 2_345.67 / 1_234.56,
              roasNote: null,
              unsettledDays: [],
            },
          ],
        },
      ],
      tracker: [
        {
          currency: 'USD',
          campaigns: 1,
          installs: 321,
          reEngagements: 4,
          events: 100,
          revenueMicros: 2_345_670_000n,
          costMicros: 1_000_000_000n,
          mediaSpendMicros: 1_234_560_000n,
          mediaConversions: 30,
          mediaRevenueMicros: 3_805_750_000n,
          roas: 2_345.67 / 1_234.56,
          roasNote: null,
          revenueDifferenceMicros: -1_460_080_000n,
        },
      ],
    },
  ],
  trackers: {
    apps: [
      {
        app: 'dalbit-eats',
        name: 'Dalbit Eats',
        tracker: 'adjust',
        timeZone: 'Asia/Seoul',
        currency: 'KRW',
        restatementWindowDays: 7,
        unsettledDays: ['2026-11-28', '2026-11-29'],
      },
      {
        app: 'dalbit-global',
        name: 'Dalbit Global',
        tracker: 'airbridge',
        timeZone: 'America/New_York',
        currency: 'USD',
        restatementWindowDays: 7,
        unsettledDays: [],
      },
    ],
    unmatched: [
      {
        app: 'dalbit-eats',
        mediaSource: 'Facebook',
        campaignId: null,
        campaignName: 'DE_<b>Test</b>',
        reason: 'no_campaign',
        days: 2,
        installs: 9,
        revenueMicros: 45_000_000_000n,
        currency: 'KRW',
      },
    ],
  },
};
