import { describe, expect, it } from 'vitest';
import {
  joinTrackerRows,
  sumByMediaCampaign,
  type CampaignMapping,
  type MediaCampaign,
} from '../../src/domain/tracker-join';
import type { TrackerDailyRow } from '../../src/domain/trackers';
import type { CampaignRow, CurrencySection, ReportModel, Totals } from '../../src/reports/model';
import { withTrackerFigures, type ReportTrackerApp, type ReportTrackerInput } from '../../src/reports/report-trackers';
import { kpis } from './fixture';

/**
 * Tracker figures beside the media's, on a hand-made week across the October/November boundary (Mon 2026-10-26 ..
 * Sun 2026-11-01), "now" 2026-11-03 02:00 UTC (11:00 in Seoul, 2026-11-02 21:00 in New York). Tracker rows go
 * through the real join (src/domain/tracker-join.ts, tested on its own), per app as src/storage/tracker-joined.ts
 * does; every expected figure is worked out by hand in the comment beside it.
 */
const W = 1_000_000n; // micros per won
const D = 1_000_000n; // micros per dollar

const t = (spendMicros: bigint, conversions: number, revenueMicros: bigint): Totals => ({
  spendMicros,
  impressions: 1_000,
  clicks: 100,
  conversions,
  revenueMicros,
});
const campaign = (
  platform: CampaignRow['platform'],
  accountId: string,
  campaignId: string,
  name: string,
  totals: Totals,
  adSets: CampaignRow['adSets'] = [],
): CampaignRow => ({ platform, accountId, campaignId, name, ...kpis(totals), adSets });
const section = (currency: string, campaigns: CampaignRow[]): CurrencySection => ({
  currency,
  kpis: kpis(t(0n, 0, 0n)),
  previous: kpis(t(0n, 0, 0n)),
  delta: {} as CurrencySection['delta'],
  daily: [],
  platforms: [],
  campaigns,
});

const MODEL: ReportModel = {
  advertiserId: 'hanbit',
  advertiserName: 'Hanbit',
  period: 'weekly',
  from: '2026-10-26',
  to: '2026-11-01',
  previousFrom: '2026-10-19',
  previousTo: '2026-10-25',
  timeZone: 'Asia/Seoul',
  generatedAt: '2026-11-03T02:00:00.000Z',
  sections: [
    section('KRW', [
      campaign('meta', 'act_1', '120002', 'KR_Promo_05', t(320_000n * W, 10, 600_000n * W), [
        { adSetId: 'A3', name: 'Promo – All', ...kpis(t(320_000n * W, 10, 600_000n * W)) },
      ]),
      campaign('meta', 'act_1', '120001', 'Brand', t(210_000n * W, 10, 680_000n * W)),
      campaign('google_ads', '555', 'S1', 'Search KR', t(100_000n * W, 4, 0n)),
    ]),
    section('USD', [campaign('google_ads', '999', '777', 'GL_Promo', t(20n * D, 2, 60n * D))]),
  ],
  actions: [],
  freshness: [],
};

const MEDIA: MediaCampaign[] = [
  { platform: 'meta', accountId: 'act_1', campaignId: '120001', name: 'Brand' },
  { platform: 'meta', accountId: 'act_1', campaignId: '120002', name: 'KR_Promo_05' },
  // Stopped before the week: no media row in it, but its installs of 10-27 still come in.
  { platform: 'meta', accountId: 'act_1', campaignId: '120009', name: 'KR_Old_09' },
  { platform: 'google_ads', accountId: '999', campaignId: '777', name: 'GL_Promo' },
];

const APPS: ReportTrackerApp[] = [
  { id: 'beauty-aos', tracker: 'appsflyer', name: 'Beauty', timeZone: 'Asia/Seoul', currency: 'KRW', restatementWindowDays: 30 },
  { id: 'beauty-global', tracker: 'adjust', timeZone: 'America/New_York', currency: 'USD', restatementWindowDays: 2 },
];

const MAPPINGS: Record<string, CampaignMapping[]> = {
  'beauty-aos': [
    {
      mediaSources: ['Facebook Ads'],
      platform: 'meta',
      accountIds: ['act_1'],
      matchById: true,
      nameRules: [{ pattern: '^af_(?<name>.+)$', ignoreCase: false }],
    },
  ],
  'beauty-global': [
    { mediaSources: ['Facebook'], platform: 'meta', accountIds: ['act_1'], matchById: true, nameRules: [] },
    {
      mediaSources: ['google.adwords'],
      platform: 'google_ads',
      accountIds: ['999'],
      matchById: false,
      nameRules: [{ pattern: '\\((?<id>\\d+)\\)$', ignoreCase: false }],
    },
  ],
};

function row(
  app: 'beauty-aos' | 'beauty-global',
  mediaSource: string,
  campaign: { id?: string; name: string },
  date: string,
  f: { installs: number; reEngagements?: number; events: number; revenue: bigint; cost: bigint | null },
): TrackerDailyRow {
  const global = app === 'beauty-global';
  return {
    tracker: global ? 'adjust' : 'appsflyer',
    app,
    appId: global ? 'abcdefabcdef' : 'com.hanbit.beauty',
    advertiserId: 'hanbit',
    mediaSource,
    campaignId: campaign.id ?? null,
    campaignName: campaign.name,
    date,
    dateBasis: global ? 'activity' : 'install',
    timeZone: global ? 'America/New_York' : 'Asia/Seoul',
    currency: global ? 'USD' : 'KRW',
    installs: f.installs,
    reEngagements: f.reEngagements ?? 0,
    events: f.events,
    eventCounts: [],
    revenueMicros: f.revenue,
    costMicros: f.cost,
    mature: false,
  };
}

const ROWS: TrackerDailyRow[] = [
  // Brand by id (AppsFlyer, KRW)
  row('beauty-aos', 'Facebook Ads', { id: '120001', name: 'renamed' }, '2026-10-31', {
    installs: 40,
    reEngagements: 2,
    events: 100,
    revenue: 90_000n * W,
    cost: 50_000n * W,
  }),
  row('beauty-aos', 'Facebook Ads', { id: '120001', name: 'renamed' }, '2026-11-01', {
    installs: 30,
    reEngagements: 1,
    events: 80,
    revenue: 110_000n * W,
    cost: null,
  }),
  // Before the week: never counted.
  row('beauty-aos', 'Facebook Ads', { id: '120001', name: 'renamed' }, '2026-10-25', {
    installs: 999,
    events: 0,
    revenue: 999_000n * W,
    cost: null,
  }),
  // KR_Promo_05 by the af_ name rule
  row('beauty-aos', 'Facebook Ads', { name: 'af_KR_Promo_05' }, '2026-10-30', {
    installs: 12,
    events: 20,
    revenue: 30_000n * W,
    cost: null,
  }),
  // KR_Old_09 by id: no media row in the week
  row('beauty-aos', 'Facebook Ads', { id: '120009', name: 'old' }, '2026-10-27', {
    installs: 2,
    events: 0,
    revenue: 5_000n * W,
    cost: null,
  }),
  // Unmatched: no campaign of that name; a source without a mapping (and one of its days before the week)
  row('beauty-aos', 'Facebook Ads', { name: 'KR_Brand_Test' }, '2026-11-01', {
    installs: 7,
    events: 0,
    revenue: 15_000n * W,
    cost: null,
  }),
  row('beauty-aos', 'kakao_int', { name: '카카오_브랜드' }, '2026-10-31', { installs: 5, events: 0, revenue: 0n, cost: null }),
  row('beauty-aos', 'kakao_int', { name: '카카오_브랜드' }, '2026-10-25', {
    installs: 100,
    events: 0,
    revenue: 0n,
    cost: null,
  }),
  // Adjust in USD: GL_Promo by the id in its name (USD campaign), and Brand by id (a KRW campaign: currency mismatch)
  row('beauty-global', 'google.adwords', { id: '1', name: 'GL_Promo (777)' }, '2026-10-31', {
    installs: 3,
    events: 5,
    revenue: 12_500_000n,
    cost: 4n * D,
  }),
  row('beauty-global', 'google.adwords', { id: '1', name: 'GL_Promo (777)' }, '2026-11-01', {
    installs: 2,
    events: 1,
    revenue: 7_250_000n,
    cost: 3n * D,
  }),
  row('beauty-global', 'Facebook', { id: '120001', name: 'Brand' }, '2026-11-01', {
    installs: 4,
    events: 6,
    revenue: 9_990_000n,
    cost: null,
  }),
];

/** What src/storage/tracker-joined.ts returns for these rows: the join per app, each day tagged with its app. */
function input(): ReportTrackerInput {
  const days: ReportTrackerInput['days'][number][] = [];
  const unmatched: ReportTrackerInput['unmatched'][number][] = [];
  for (const app of APPS) {
    const joined = joinTrackerRows(
      ROWS.filter((r) => r.app === app.id),
      MAPPINGS[app.id] ?? [],
      MEDIA,
    );
    days.push(...sumByMediaCampaign(joined.matched).map((d) => ({ ...d, app: app.id })));
    unmatched.push(...joined.unmatched);
  }
  return {
    days,
    unmatched,
    campaigns: MEDIA,
    apps: APPS,
    accountCurrencies: new Map([
      ['meta|act_1', 'KRW'],
      ['google_ads|555', 'KRW'],
      ['google_ads|999', 'USD'],
    ]),
    now: new Date('2026-11-03T02:00:00Z'),
  };
}

const model = withTrackerFigures(MODEL, input());
const krw = model.sections[0] as CurrencySection;
const usd = model.sections[1] as CurrencySection;
const byId = (s: CurrencySection, id: string) => s.campaigns.find((c) => c.campaignId === id) as CampaignRow;

describe('tracker figures beside the media per campaign', () => {
  it('a campaign matched by id: its own currency first with ROAS, the USD app beside it without one', () => {
    expect(byId(krw, '120001').tracker).toEqual([
      {
        currency: 'KRW',
        installs: 70, // 40 + 30 (10-25 is before the week)
        reEngagements: 3, // 2 + 1
        events: 180, // 100 + 80
        revenueMicros: 200_000n * W, // 90,000 + 110,000
        costMicros: 50_000n * W, // only 10-31 reported cost
        roas: 200_000 / 210_000, // tracker revenue ÷ media spend 210,000
        roasNote: null,
        unsettledDays: ['2026-10-31', '2026-11-01'], // AppsFlyer's 30 days: the whole week may still move
      },
      {
        currency: 'USD',
        installs: 4,
        reEngagements: 0,
        events: 6,
        revenueMicros: 9_990_000n, // $9.99, never converted into won
        costMicros: null,
        roas: null,
        roasNote: 'currency_mismatch',
        // New York's today is 11-02; a 2-day window leaves 11-01 open
        unsettledDays: ['2026-11-01'],
      },
    ]);
  });

  it('a campaign matched by a name rule; its ad sets get no tracker figures', () => {
    const promo = byId(krw, '120002');
    expect(promo.tracker).toEqual([
      {
        currency: 'KRW',
        installs: 12,
        reEngagements: 0,
        events: 20,
        revenueMicros: 30_000n * W,
        costMicros: null,
        roas: 0.09375, // 30,000 / 320,000
        roasNote: null,
        unsettledDays: ['2026-10-30'],
      },
    ]);
    expect(promo.adSets[0]).not.toHaveProperty('tracker');
  });

  it('a campaign with no tracker rows has an empty list; media figures are untouched', () => {
    expect(byId(krw, 'S1').tracker).toEqual([]);
    expect(byId(krw, 'S1').spendMicros).toBe(100_000n * W);
    expect(byId(krw, '120001')).toMatchObject({ spendMicros: 210_000n * W, conversions: 10, revenueMicros: 680_000n * W });
  });

  it('a matched campaign with no media row in the period still shows, at zero spend, without a ROAS', () => {
    expect(krw.campaigns.map((c) => c.campaignId)).toEqual(['120002', '120001', 'S1', '120009']);
    expect(byId(krw, '120009')).toMatchObject({
      name: 'KR_Old_09',
      spendMicros: 0n,
      conversions: 0,
      adSets: [],
      tracker: [
        {
          currency: 'KRW',
          installs: 2,
          revenueMicros: 5_000n * W,
          roas: null,
          roasNote: 'no_spend',
          unsettledDays: ['2026-10-27'],
        },
      ],
    });
  });

  it('USD campaign by the id in its name: ROAS in one currency, the settled day not flagged', () => {
    expect(byId(usd, '777').tracker).toEqual([
      {
        currency: 'USD',
        installs: 5, // 3 + 2
        reEngagements: 0,
        events: 6, // 5 + 1
        revenueMicros: 19_750_000n, // 12.50 + 7.25
        costMicros: 7n * D, // 4 + 3
        roas: 0.9875, // 19.75 / 20
        roasNote: null,
        unsettledDays: ['2026-11-01'], // 10-31 is two days before New York's 11-02: settled
      },
    ]);
  });
});

describe('tracker totals per currency', () => {
  it('KRW section: the KRW tracker beside the media on the same campaigns, the USD tracker apart', () => {
    expect(krw.tracker).toEqual([
      {
        currency: 'KRW',
        campaigns: 3, // 120001, 120002, 120009
        installs: 84, // 70 + 12 + 2
        reEngagements: 3,
        events: 200, // 180 + 20 + 0
        revenueMicros: 235_000n * W, // 200,000 + 30,000 + 5,000
        costMicros: 50_000n * W,
        mediaSpendMicros: 530_000n * W, // 210,000 + 320,000 + 0 (Search KR has no tracker figures: not in it)
        mediaConversions: 20, // 10 + 10 + 0
        mediaRevenueMicros: 1_280_000n * W, // 680,000 + 600,000 + 0
        roas: 235_000 / 530_000,
        roasNote: null,
        revenueDifferenceMicros: -1_045_000n * W, // 235,000 − 1,280,000
      },
      {
        currency: 'USD',
        campaigns: 1,
        installs: 4,
        reEngagements: 0,
        events: 6,
        revenueMicros: 9_990_000n,
        costMicros: null,
        mediaSpendMicros: 210_000n * W,
        mediaConversions: 10,
        mediaRevenueMicros: 680_000n * W,
        roas: null,
        roasNote: 'currency_mismatch',
        revenueDifferenceMicros: null,
      },
    ]);
  });

  it('USD section', () => {
    expect(usd.tracker).toEqual([
      {
        currency: 'USD',
        campaigns: 1,
        installs: 5,
        reEngagements: 0,
        events: 6,
        revenueMicros: 19_750_000n,
        costMicros: 7n * D,
        mediaSpendMicros: 20n * D,
        mediaConversions: 2,
        mediaRevenueMicros: 60n * D,
        roas: 0.9875,
        roasNote: null,
        revenueDifferenceMicros: -40_250_000n, // 19.75 − 60.00
      },
    ]);
  });
});

describe('apps and unmatched', () => {
  it('per app, the days of the period still inside its restatement window', () => {
    expect(model.trackers?.apps).toEqual([
      {
        app: 'beauty-aos',
        name: 'Beauty',
        tracker: 'appsflyer',
        timeZone: 'Asia/Seoul',
        currency: 'KRW',
        restatementWindowDays: 30,
        unsettledDays: [
          '2026-10-26',
          '2026-10-27',
          '2026-10-28',
          '2026-10-29',
          '2026-10-30',
          '2026-10-31',
          '2026-11-01',
        ],
      },
      {
        app: 'beauty-global',
        name: 'beauty-global', // no name in config: its key
        tracker: 'adjust',
        timeZone: 'America/New_York',
        currency: 'USD',
        restatementWindowDays: 2,
        unsettledDays: ['2026-11-01'],
      },
    ]);
  });

  it('lists the unmatched tracker campaigns of the period with installs and revenue', () => {
    expect(model.trackers?.unmatched).toEqual([
      {
        app: 'beauty-aos',
        mediaSource: 'Facebook Ads',
        campaignId: null,
        campaignName: 'KR_Brand_Test',
        reason: 'no_campaign',
        days: 1,
        installs: 7,
        revenueMicros: 15_000n * W,
        currency: 'KRW',
      },
      {
        app: 'beauty-aos',
        mediaSource: 'kakao_int',
        campaignId: null,
        campaignName: '카카오_브랜드',
        reason: 'no_mapping',
        days: 1, // 10-25 is before the week
        installs: 5,
        revenueMicros: 0n,
        currency: 'KRW',
      },
    ]);
  });

  it('without tracker apps the model is unchanged: no tracker fields anywhere', () => {
    const plain = withTrackerFigures(MODEL, null);
    expect(plain).toBe(MODEL);
    expect(plain).not.toHaveProperty('trackers');
    expect(plain.sections[0]?.campaigns[0]).not.toHaveProperty('tracker');
  });
});
