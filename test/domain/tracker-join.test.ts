import { describe, expect, it } from 'vitest';
import {
  joinTrackerRows,
  sumByMediaCampaign,
  unmatchedCampaigns,
  type CampaignMapping,
  type MediaCampaign,
} from '../../src/domain/tracker-join';
import type { TrackerDailyRow } from '../../src/domain/trackers';

const M = 1_000_000n;
const row = (
  mediaSource: string,
  campaignName: string,
  figures: { id?: string; date?: string; installs: number; events: number; revenue: bigint; cost: bigint | null },
): TrackerDailyRow => ({
  tracker: 'adjust',
  app: 'beauty',
  appId: 'abcdefabcdef',
  advertiserId: 'hanbit',
  mediaSource,
  campaignId: figures.id ?? null,
  campaignName,
  date: figures.date ?? '2026-11-01',
  dateBasis: 'activity',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  installs: figures.installs,
  reEngagements: 0,
  events: figures.events,
  eventCounts: [],
  revenueMicros: figures.revenue * M,
  costMicros: figures.cost === null ? null : figures.cost * M,
  mature: false,
});

const campaigns: MediaCampaign[] = [
  { platform: 'meta', accountId: 'act_1', campaignId: '120001', name: 'KR_AlwaysOn_01' },
  { platform: 'meta', accountId: 'act_1', campaignId: '120002', name: 'KR_Promo_05' },
  { platform: 'meta', accountId: 'act_1', campaignId: '120003', name: 'Dup' },
  { platform: 'meta', accountId: 'act_2', campaignId: '120101', name: 'Dup' },
  // Same name as act_1's first campaign, but in an account no mapping names: never a candidate.
  { platform: 'meta', accountId: 'act_9', campaignId: '129999', name: 'KR_AlwaysOn_01' },
  { platform: 'google_ads', accountId: '123', campaignId: '2001', name: 'KR_Video_07' },
];

const mappings: CampaignMapping[] = [
  {
    mediaSources: ['Facebook Ads', 'Facebook'],
    platform: 'meta',
    accountIds: ['act_1', 'act_2'],
    matchById: true,
    nameRules: [
      { pattern: '^af_(?<name>.+)$', ignoreCase: true },
      { pattern: '^(?<name>[A-Za-z]+)$', ignoreCase: false },
    ],
  },
  { mediaSources: ['googleadwords_int'], platform: 'google_ads', accountIds: ['123'], matchById: true, nameRules: [] },
  {
    mediaSources: ['google.adwords'],
    platform: 'google_ads',
    accountIds: ['123'],
    matchById: false,
    nameRules: [{ pattern: '\\((?<id>\\d+)\\)$', ignoreCase: false }],
  },
];

const rows = [
  row('Facebook Ads', 'af_kr_promo_05', { installs: 10, events: 4, revenue: 1000n, cost: null }),
  row('Facebook', 'renamed in the tracker', { id: '120001', installs: 5, events: 1, revenue: 500n, cost: 100n }),
  row('Facebook Ads', 'x', { id: '120001', installs: 2, events: 2, revenue: 50n, cost: null }),
  row('googleadwords_int', 'KR_Video_07', { installs: 8, events: 0, revenue: 300n, cost: 40n }),
  row('google.adwords', 'Spring (2001)', {
    id: '999',
    date: '2026-11-02',
    installs: 3,
    events: 0,
    revenue: 0n,
    cost: null,
  }),
  row('Organic', 'None', { installs: 40, events: 9, revenue: 900n, cost: null }),
  row('Facebook Ads', 'Nothing_like_it', { installs: 1, events: 0, revenue: 10n, cost: 5n }),
  row('Facebook Ads', 'Nothing_like_it', { date: '2026-11-02', installs: 2, events: 0, revenue: 20n, cost: 5n }),
  row('Facebook Ads', 'Dup', { installs: 6, events: 0, revenue: 60n, cost: null }),
];

describe('tracker rows × media campaigns', () => {
  const joined = joinTrackerRows(rows, mappings, campaigns);

  it('matches by id first, then by the name rules in order, and says why the rest is unmatched', () => {
    expect(
      joined.matched.map((m) => [m.row.campaignName, m.platform, m.accountId, m.campaignId, m.by, m.rule]),
    ).toEqual([
      ['af_kr_promo_05', 'meta', 'act_1', '120002', 'name_rule', 0],
      ['renamed in the tracker', 'meta', 'act_1', '120001', 'id', null],
      ['x', 'meta', 'act_1', '120001', 'id', null],
      ['KR_Video_07', 'google_ads', '123', '2001', 'name_rule', null],
      // matchById is off for this mapping: the tracker's id 999 is ignored, the id in the name is used.
      ['Spring (2001)', 'google_ads', '123', '2001', 'name_rule', 0],
    ]);
    expect(joined.unmatched.map((u) => [u.row.campaignName, u.row.date, u.reason])).toEqual([
      ['None', '2026-11-01', 'no_mapping'],
      ['Nothing_like_it', '2026-11-01', 'no_campaign'],
      ['Nothing_like_it', '2026-11-02', 'no_campaign'],
      ['Dup', '2026-11-01', 'ambiguous'],
    ]);
  });

  it('sums the tracker figures per media campaign and day, exactly', () => {
    expect(sumByMediaCampaign(joined.matched)).toEqual([
      {
        platform: 'meta',
        accountId: 'act_1',
        campaignId: '120001',
        date: '2026-11-01',
        currency: 'KRW',
        installs: 7,
        reEngagements: 0,
        events: 3,
        revenueMicros: 550_000_000n,
        costMicros: 100_000_000n,
        trackerRows: 2,
      },
      {
        platform: 'meta',
        accountId: 'act_1',
        campaignId: '120002',
        date: '2026-11-01',
        currency: 'KRW',
        installs: 10,
        reEngagements: 0,
        events: 4,
        revenueMicros: 1_000_000_000n,
        costMicros: null,
        trackerRows: 1,
      },
      {
        platform: 'google_ads',
        accountId: '123',
        campaignId: '2001',
        date: '2026-11-01',
        currency: 'KRW',
        installs: 8,
        reEngagements: 0,
        events: 0,
        revenueMicros: 300_000_000n,
        costMicros: 40_000_000n,
        trackerRows: 1,
      },
      {
        platform: 'google_ads',
        accountId: '123',
        campaignId: '2001',
        date: '2026-11-02',
        currency: 'KRW',
        installs: 3,
        reEngagements: 0,
        events: 0,
        revenueMicros: 0n,
        costMicros: null,
        trackerRows: 1,
      },
    ]);
  });

  it('lists each unmatched tracker campaign once, largest first, with what it carries', () => {
    expect(unmatchedCampaigns(joined.unmatched)).toEqual([
      {
        app: 'beauty',
        mediaSource: 'Organic',
        campaignId: null,
        campaignName: 'None',
        reason: 'no_mapping',
        days: 1,
        installs: 40,
        revenueMicros: 900_000_000n,
        currency: 'KRW',
      },
      {
        app: 'beauty',
        mediaSource: 'Facebook Ads',
        campaignId: null,
        campaignName: 'Dup',
        reason: 'ambiguous',
        days: 1,
        installs: 6,
        revenueMicros: 60_000_000n,
        currency: 'KRW',
      },
      {
        app: 'beauty',
        mediaSource: 'Facebook Ads',
        campaignId: null,
        campaignName: 'Nothing_like_it',
        reason: 'no_campaign',
        days: 2,
        installs: 3,
        revenueMicros: 30_000_000n,
        currency: 'KRW',
      },
    ]);
  });
});
