import { describe, expect, it } from 'vitest';
import { parseAdGroupsPage, parseCampaignsPage } from '../../../src/platforms/google_ads/entities';
import { adGroupsQuery, dailyMetricsQuery, entitiesQuery } from '../../../src/platforms/google_ads/gaql';
import { parseDailyMetricsPage } from '../../../src/platforms/google_ads/parse';
import { parseGaql } from '../../../src/platforms/google_ads/sandbox/gaql';
import { fieldOf } from '../../helpers/format-errors';

// The USD customer: the campaign-level parse tests cover KRW.
const ctx = {
  advertiserId: 'dalbit',
  accountId: '9876543210',
  currency: 'USD',
  timeZone: 'America/New_York',
  isMature: (date: string) => date <= '2025-05-31',
};
const range = { from: '2025-06-01', to: '2025-06-07' };

// FROM ad_group rows (docs fields/v26/ad_group; reference §2.2–2.3): the ad group and its campaign nest as
// `adGroup` and `campaign`, each with its resourceName; int64 ids as strings.
const adGroupsPage = {
  results: [
    {
      adGroup: {
        resourceName: 'customers/9876543210/adGroups/150012345601',
        id: '150012345601',
        name: 'GL_Search_Brand_Keywords_Brand',
        status: 'ENABLED',
        type: 'SEARCH_STANDARD',
      },
      campaign: { resourceName: 'customers/9876543210/campaigns/20067890001', id: '20067890001' },
    },
    {
      adGroup: {
        resourceName: 'customers/9876543210/adGroups/150012345702',
        id: '150012345702',
        name: 'GL_Display_Retarget_30d',
        status: 'PAUSED',
        type: 'DISPLAY_STANDARD',
      },
      campaign: { resourceName: 'customers/9876543210/campaigns/20067890002', id: '20067890002' },
    },
  ],
  nextPageToken: 'CPa7-adgroups-token',
  fieldMask: 'adGroup.id,adGroup.name,adGroup.status,adGroup.type,campaign.id',
  requestId: 'Qm0Yy1n4QafXbr3YhcK2A7',
};

const adGroupMetricsPage = {
  results: [
    {
      campaign: { resourceName: 'customers/9876543210/campaigns/20067890001', id: '20067890001' },
      adGroup: {
        resourceName: 'customers/9876543210/adGroups/150012345601',
        id: '150012345601',
        name: 'GL_Search_Brand_Keywords_Brand',
      },
      metrics: {
        impressions: '8120',
        clicks: '512',
        costMicros: '41230000',
        conversions: 18.37,
        conversionsValue: 1204.37,
      },
      segments: { date: '2025-06-01' },
    },
    // Metrics at their default value are omitted (proto3 JSON): a row with impressions only.
    {
      campaign: { resourceName: 'customers/9876543210/campaigns/20067890001', id: '20067890001' },
      adGroup: {
        resourceName: 'customers/9876543210/adGroups/150012345602',
        id: '150012345602',
        name: 'GL_Search_Brand_Keywords_Generic',
      },
      metrics: { impressions: '4' },
      segments: { date: '2025-06-01' },
    },
  ],
  fieldMask:
    'campaign.id,adGroup.id,adGroup.name,metrics.impressions,metrics.clicks,metrics.costMicros,metrics.conversions,metrics.conversionsValue,segments.date',
  requestId: 'r2',
};

describe('Google Ads ad group entities', () => {
  it('reads ad groups as adset snapshots with their campaign id and no budget', () => {
    const page = parseAdGroupsPage(adGroupsPage, ctx);
    expect(page.nextPageToken).toBe('CPa7-adgroups-token');
    expect(page.items).toEqual([
      {
        platform: 'google_ads',
        accountId: '9876543210',
        advertiserId: 'dalbit',
        level: 'adset',
        entityId: '150012345601',
        campaignId: '20067890001',
        name: 'GL_Search_Brand_Keywords_Brand',
        status: 'ENABLED',
        currency: 'USD',
        dailyBudgetMicros: null,
      },
      expect.objectContaining({ entityId: '150012345702', campaignId: '20067890002', status: 'PAUSED' }),
    ]);
  });

  it('leaves campaignId off campaign snapshots (a stored undefined would become null)', () => {
    const campaign = parseCampaignsPage(
      { results: [{ campaign: { id: '20067890001', name: 'GL', status: 'ENABLED' } }] },
      ctx,
    ).items[0];
    expect(campaign).toBeDefined();
    expect(Object.keys(campaign!)).not.toContain('campaignId');
  });

  it('names the field when an ad group row breaks the documented shape', () => {
    const first = adGroupsPage.results[0]!;
    const cases: Array<[unknown, string]> = [
      [{ results: [{ ...first, adGroup: { ...first.adGroup, id: 150012345601 } }] }, 'results[0].adGroup.id'],
      [{ results: [{ adGroup: first.adGroup }] }, 'results[0].campaign.id'],
      [{ results: [{ ...first, campaign: { id: '2006-7890' } }] }, 'results[0].campaign.id'],
      [{ results: [{ ...first, adGroup: 'x' }] }, 'results[0].adGroup'],
      [{ results: {} }, 'results'],
    ];
    for (const [body, field] of cases)
      expect(
        fieldOf(() => parseAdGroupsPage(body, ctx)),
        field,
      ).toBe(field);
  });
});

describe('Google Ads ad group daily metrics', () => {
  it('normalises a realistic page: micros stay bigint, the parent campaign is kept', () => {
    const page = parseDailyMetricsPage(adGroupMetricsPage, ctx, range, 'adset');
    expect(page.nextPageToken).toBeNull();
    expect(page.items[0]).toEqual({
      platform: 'google_ads',
      accountId: '9876543210',
      advertiserId: 'dalbit',
      level: 'adset',
      entityId: '150012345601',
      entityName: 'GL_Search_Brand_Keywords_Brand',
      campaignId: '20067890001',
      date: '2025-06-01',
      currency: 'USD',
      timeZone: 'America/New_York',
      impressions: 8120,
      clicks: 512,
      spendMicros: 41_230_000n,
      conversions: 18.37,
      conversionValueMicros: 1_204_370_000n,
      mature: false,
    });
    expect(page.items[1]).toMatchObject({
      entityId: '150012345602',
      campaignId: '20067890001',
      impressions: 4,
      clicks: 0,
      spendMicros: 0n,
      conversions: 0,
      conversionValueMicros: 0n,
    });
  });

  it('keeps micros above 2^53 exact', () => {
    const row = { ...adGroupMetricsPage.results[0]!, metrics: { costMicros: '9100000000000000123' } };
    expect(parseDailyMetricsPage({ results: [row] }, ctx, range, 'adset').items[0]?.spendMicros).toBe(
      9_100_000_000_000_000_123n,
    );
  });

  it('names the field when a row breaks the documented shape', () => {
    const first = adGroupMetricsPage.results[0]!;
    const cases: Array<[unknown, string]> = [
      [{ results: [{ ...first, metrics: { costMicros: 41230000 } }] }, 'results[0].metrics.costMicros'],
      [{ results: [{ ...first, metrics: { clicks: 512 } }] }, 'results[0].metrics.clicks'],
      [{ results: [{ ...first, adGroup: { name: 'no id' } }] }, 'results[0].adGroup.id'],
      [{ results: [{ ...first, campaign: undefined }] }, 'results[0].campaign.id'],
      [{ results: [{ ...first, segments: { date: '2025-06-08' } }] }, 'results[0].segments.date'],
    ];
    for (const [body, field] of cases) {
      expect(
        fieldOf(() => parseDailyMetricsPage(body, ctx, range, 'adset')),
        field,
      ).toBe(field);
    }
  });
});

describe('Google Ads ad group GAQL', () => {
  it('selects ad groups and their daily metrics FROM ad_group, in queries the sandbox accepts', () => {
    expect(adGroupsQuery()).toBe(
      'SELECT ad_group.id, ad_group.name, ad_group.status, ad_group.type, campaign.id FROM ad_group',
    );
    expect(entitiesQuery('adset')).toBe(adGroupsQuery());
    const metrics = dailyMetricsQuery(range, 'adset');
    expect(metrics).toBe(
      "SELECT campaign.id, ad_group.id, ad_group.name, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value, segments.date FROM ad_group WHERE segments.date BETWEEN '2025-06-01' AND '2025-06-07'",
    );
    expect(parseGaql(adGroupsQuery())).toMatchObject({ resource: 'ad_group', conditions: [] });
    expect(parseGaql(metrics)).toMatchObject({ resource: 'ad_group', dateRange: range });
    // The campaign level keeps its own query FROM campaign.
    expect(dailyMetricsQuery(range)).toMatch(
      /^SELECT campaign\.id, campaign\.name, metrics\.impressions.*FROM campaign /,
    );
  });
});
