import { describe, expect, it } from 'vitest';
import {
  parseTiktokAdGroupsPage,
  parseTiktokEntitiesPage,
  parseTiktokReportPage,
} from '../../../src/platforms/tiktok/parse';
import { fieldOf } from '../../helpers/format-errors';
import { rowPatchers, tiktokParseContext, tiktokReportPage, withList } from '../../helpers/tiktok-pages';

const ctx = tiktokParseContext;

// report/integrated/get at data_level=AUCTION_ADGROUP, dimensions ["adgroup_id","stat_time_day"]: names and the parent
// campaign id come back as attribute metrics, money and core counts as strings (reference §5.2; SDK ReportingApi.md).
const adGroupRow = {
  dimensions: { adgroup_id: '1790000000000101', stat_time_day: '2025-06-01 00:00:00' },
  metrics: {
    adgroup_name: 'KR_Conv_Broad',
    campaign_id: '1790000000000001',
    spend: '98120.00',
    impressions: '30550',
    clicks: '611',
    conversion: '25',
    complete_payment: '24',
    total_complete_payment_rate: '1560000.00',
  },
};
const reportPage = tiktokReportPage([adGroupRow], { page: 2, page_size: 1000, total_number: 1001, total_page: 2 });

describe('TikTok ad group report parsing', () => {
  it('normalises an AUCTION_ADGROUP row: level adset, ad group id and name, parent campaign id, micros', () => {
    const page = parseTiktokReportPage(reportPage, ctx, 'adset');
    expect(page).toMatchObject({ page: 2, totalPage: 2 });
    expect(page.items).toEqual([
      {
        platform: 'tiktok',
        accountId: '7000000000000000001',
        advertiserId: 'dalbit-foods',
        level: 'adset',
        entityId: '1790000000000101',
        entityName: 'KR_Conv_Broad',
        campaignId: '1790000000000001',
        date: '2025-06-01',
        currency: 'KRW',
        timeZone: 'Asia/Seoul',
        impressions: 30550,
        clicks: 611,
        spendMicros: 98_120_000_000n,
        conversions: 24,
        conversionValueMicros: 1_560_000_000_000n,
        mature: false,
      },
    ]);
  });

  it('keeps cents exact for two-decimal currencies', () => {
    const row = {
      ...adGroupRow,
      metrics: { ...adGroupRow.metrics, spend: '20.07', total_complete_payment_rate: '0.10' },
    };
    const body = withList(reportPage, [row]);
    expect(parseTiktokReportPage(body, { ...ctx, currency: 'USD' }, 'adset').items[0]).toMatchObject({
      spendMicros: 20_070_000n,
      conversionValueMicros: 100_000n,
    });
  });

  it('gives campaign rows no campaignId key at all (a stored null would differ from an absent field)', () => {
    const campaignRow = {
      dimensions: { campaign_id: '1790000000000001', stat_time_day: '2025-06-01 00:00:00' },
      metrics: { campaign_name: 'KR_Conv', spend: '1.00', impressions: '1', clicks: '0' },
    };
    const row = parseTiktokReportPage(withList(reportPage, [campaignRow]), ctx).items[0]!;
    expect(row.level).toBe('campaign');
    expect('campaignId' in row).toBe(false);
  });

  const { withRow, withMetrics } = rowPatchers(reportPage, adGroupRow);
  it.each([
    [
      'a campaign-level row (no adgroup_id)',
      withRow({ dimensions: { campaign_id: '1', stat_time_day: '2025-06-01 00:00:00' } }),
      'data.list[0].dimensions.adgroup_id',
    ],
    [
      'a numeric adgroup_id',
      withRow({ dimensions: { ...adGroupRow.dimensions, adgroup_id: 1790000000000101 } }),
      'data.list[0].dimensions.adgroup_id',
    ],
    ['no campaign_id metric', withMetrics({ campaign_id: undefined }), 'data.list[0].metrics.campaign_id'],
    [
      'a numeric campaign_id metric',
      withMetrics({ campaign_id: 1790000000000001 }),
      'data.list[0].metrics.campaign_id',
    ],
    ['spend "N/A"', withMetrics({ spend: 'N/A' }), 'data.list[0].metrics.spend'],
    ['clicks as a float', withMetrics({ clicks: 1.5 }), 'data.list[0].metrics.clicks'],
    [
      'an hourly timestamp',
      withRow({ dimensions: { ...adGroupRow.dimensions, stat_time_day: '2025-06-01 01:00:00' } }),
      'data.list[0].dimensions.stat_time_day',
    ],
    ['no page_info', { ...reportPage, data: { list: [adGroupRow] } }, 'data.page_info'],
  ])('rejects %s, naming the field', (_name, body, field) => {
    expect(fieldOf(() => parseTiktokReportPage(body, ctx, 'adset'))).toBe(field);
  });
});

// adgroup/get: data.list of ad groups + page_info (SDK python_sdk/docs/AdgroupApi.md); budget a NUMBER in major units.
const adGroups = {
  code: 0,
  message: 'OK',
  request_id: 'r3',
  data: {
    list: [
      {
        advertiser_id: '7000000000000000001',
        campaign_id: '1790000000000002',
        adgroup_id: '1790000000000201',
        adgroup_name: 'Retarget_30d',
        budget: 50000,
        budget_mode: 'BUDGET_MODE_DAY',
        operation_status: 'ENABLE',
        secondary_status: 'ADGROUP_STATUS_DELIVERY_OK',
      },
      {
        campaign_id: '1790000000000002',
        adgroup_id: '1790000000000202',
        adgroup_name: 'Lifetime',
        budget: 900000,
        budget_mode: 'BUDGET_MODE_TOTAL',
        operation_status: 'DISABLE',
      },
      {
        campaign_id: '1790000000000001',
        adgroup_id: '1790000000000101',
        adgroup_name: 'Under CBO',
        budget: 0,
        budget_mode: 'BUDGET_MODE_INFINITE',
      },
    ],
    page_info: { page: 1, page_size: 3, total_number: 8, total_page: 3 },
  },
};

describe('TikTok ad group entity parsing', () => {
  it('reads ad groups with their campaign, daily budget only for BUDGET_MODE_DAY', () => {
    const page = parseTiktokAdGroupsPage(adGroups, ctx);
    expect(page).toMatchObject({ page: 1, totalPage: 3 });
    expect(page.items[0]).toEqual({
      platform: 'tiktok',
      accountId: '7000000000000000001',
      advertiserId: 'dalbit-foods',
      level: 'adset',
      entityId: '1790000000000201',
      campaignId: '1790000000000002',
      name: 'Retarget_30d',
      status: 'ADGROUP_STATUS_DELIVERY_OK',
      currency: 'KRW',
      dailyBudgetMicros: 50_000_000_000n,
    });
    expect(page.items.map((a) => [a.entityId, a.campaignId, a.dailyBudgetMicros, a.status])).toEqual([
      ['1790000000000201', '1790000000000002', 50_000_000_000n, 'ADGROUP_STATUS_DELIVERY_OK'],
      ['1790000000000202', '1790000000000002', null, 'DISABLE'],
      ['1790000000000101', '1790000000000001', null, 'UNKNOWN'],
    ]);
    expect(parseTiktokEntitiesPage(adGroups, ctx, 'adset')).toEqual(page);
  });

  it('keeps fractional budgets exact (USD 20.35 → 20,350,000 micros)', () => {
    const usd = { ...adGroups, data: { ...adGroups.data, list: [{ ...adGroups.data.list[0], budget: 20.35 }] } };
    expect(parseTiktokAdGroupsPage(usd, { ...ctx, currency: 'USD' }).items[0]?.dailyBudgetMicros).toBe(20_350_000n);
  });

  it('reads an empty account', () => {
    const empty = { code: 0, message: 'OK', data: { list: [], page_info: { page: 1, total_page: 0 } } };
    expect(parseTiktokAdGroupsPage(empty, ctx)).toEqual({ items: [], page: 1, totalPage: 0 });
  });

  it.each([
    [{ adgroup_id: 1790000000000201, campaign_id: '1' }, 'data.list[0].adgroup_id'],
    [{ campaign_id: '1', adgroup_name: 'campaign entry without adgroup_id' }, 'data.list[0].adgroup_id'],
    [{ adgroup_id: '1790000000000201' }, 'data.list[0].campaign_id'],
    [{ adgroup_id: '1', campaign_id: 17, budget_mode: 'BUDGET_MODE_INFINITE' }, 'data.list[0].campaign_id'],
    [{ adgroup_id: '1', campaign_id: '2', budget: '5만', budget_mode: 'BUDGET_MODE_DAY' }, 'data.list[0].budget'],
    ['not an object', 'data.list[0]'],
  ])('rejects a malformed ad group, naming the field (%#)', (entry, field) => {
    const body = { ...adGroups, data: { ...adGroups.data, list: [entry] } };
    expect(fieldOf(() => parseTiktokAdGroupsPage(body, ctx))).toBe(field);
  });
});
