import { describe, expect, it } from 'vitest';
import { classifyTiktokResponse } from '../../../src/platforms/tiktok/errors';
import {
  parseTiktokAdvertiser,
  parseTiktokCampaignsPage,
  parseTiktokReportPage,
} from '../../../src/platforms/tiktok/parse';
import { fieldOf } from '../../helpers/format-errors';
import { rowPatchers, tiktokParseContext, tiktokReportPage, withList } from '../../helpers/tiktok-pages';

const ctx = tiktokParseContext;

// The documented response shape (reference ad-platform-apis.md §5.2; Airbyte campaigns_reports mock).
const reportRow = {
  dimensions: { campaign_id: '1790000000000001', stat_time_day: '2025-06-01 00:00:00' },
  metrics: {
    campaign_name: 'KR_Conv',
    spend: '152340.00',
    impressions: '48211',
    clicks: '913',
    ctr: '1.89',
    likes: 18, // engagement counts can be numbers
    conversion: '37',
    complete_payment: '37',
    total_complete_payment_rate: '2410500.00',
  },
};
const reportPage = tiktokReportPage([reportRow], { page: 1, page_size: 1000, total_number: 1, total_page: 1 });

describe('TikTok report parsing', () => {
  it('normalises a realistic page: string money in major units to micros, counts as numbers', () => {
    const page = parseTiktokReportPage(reportPage, ctx);
    expect(page).toMatchObject({ page: 1, totalPage: 1 });
    expect(page.items).toEqual([
      {
        platform: 'tiktok',
        accountId: '7000000000000000001',
        advertiserId: 'dalbit-foods',
        level: 'campaign',
        entityId: '1790000000000001',
        entityName: 'KR_Conv',
        date: '2025-06-01',
        currency: 'KRW',
        timeZone: 'Asia/Seoul',
        impressions: 48211,
        clicks: 913,
        spendMicros: 152_340_000_000n,
        conversions: 37,
        conversionValueMicros: 2_410_500_000_000n,
        mature: false,
      },
    ]);
  });

  it('keeps cents for two-decimal currencies and accepts numeric counts', () => {
    const row = { ...reportRow, metrics: { ...reportRow.metrics, spend: '20.05', impressions: 4696, clicks: 51 } };
    const page = parseTiktokReportPage(withList(reportPage, [row]), ctx);
    expect(page.items[0]).toMatchObject({ spendMicros: 20_050_000n, impressions: 4696, clicks: 51 });
  });

  it('reads omitted conversion metrics as zero and marks settled days mature', () => {
    const { complete_payment: _c, total_complete_payment_rate: _v, ...rest } = reportRow.metrics;
    const row = { dimensions: { ...reportRow.dimensions, stat_time_day: '2025-05-20 00:00:00' }, metrics: rest };
    const page = parseTiktokReportPage(withList(reportPage, [row]), ctx);
    expect(page.items[0]).toMatchObject({
      conversions: 0,
      conversionValueMicros: 0n,
      mature: true,
      date: '2025-05-20',
    });
  });

  it('reads an empty result (total_page 0, or no list at all)', () => {
    const empty = {
      code: 0,
      message: 'OK',
      data: { list: [], page_info: { page: 1, page_size: 10, total_number: 0, total_page: 0 } },
    };
    expect(parseTiktokReportPage(empty, ctx)).toEqual({ items: [], page: 1, totalPage: 0 });
    const noList = { code: 0, message: 'OK', data: { page_info: { page: 1, total_page: 0 } } };
    expect(parseTiktokReportPage(noList, ctx).items).toEqual([]);
  });

  const { withRow, withMetrics } = rowPatchers(reportPage, reportRow);
  it.each([
    ['not an object', 'nope', '(body)'],
    ['a failure code that slipped through', { ...reportPage, code: 40100 }, 'code'],
    ['no data', { code: 0, message: 'OK' }, 'data'],
    [
      'a list that is not an array',
      { ...reportPage, data: { list: {}, page_info: reportPage.data.page_info } },
      'data.list',
    ],
    ['no page_info', { ...reportPage, data: { list: [] } }, 'data.page_info'],
    [
      'a broken total_page',
      { ...reportPage, data: { list: [], page_info: { page: 1, total_page: 'x' } } },
      'data.page_info.total_page',
    ],
    ['spend "N/A"', withMetrics({ spend: 'N/A' }), 'data.list[0].metrics.spend'],
    ['spend missing', withMetrics({ spend: undefined }), 'data.list[0].metrics.spend'],
    ['fractional impressions', withMetrics({ impressions: '12.5' }), 'data.list[0].metrics.impressions'],
    [
      'a bad conversion value',
      withMetrics({ total_complete_payment_rate: '-' }),
      'data.list[0].metrics.total_complete_payment_rate',
    ],
    [
      'a numeric campaign id',
      withRow({ dimensions: { ...reportRow.dimensions, campaign_id: 1790000000000001 } }),
      'data.list[0].dimensions.campaign_id',
    ],
    [
      'an hourly timestamp',
      withRow({ dimensions: { ...reportRow.dimensions, stat_time_day: '2025-06-01 13:00:00' } }),
      'data.list[0].dimensions.stat_time_day',
    ],
    [
      'a bare date',
      withRow({ dimensions: { ...reportRow.dimensions, stat_time_day: '2025-06-01' } }),
      'data.list[0].dimensions.stat_time_day',
    ],
    ['no metrics object', withRow({ metrics: null }), 'data.list[0].metrics'],
  ])('rejects %s, naming the field', (_name, body, field) => {
    expect(fieldOf(() => parseTiktokReportPage(body, ctx))).toBe(field);
  });
});

describe('TikTok campaign parsing', () => {
  const campaigns = {
    code: 0,
    message: 'OK',
    request_id: 'r1',
    data: {
      list: [
        {
          campaign_id: '1700000001000001',
          campaign_name: 'A',
          budget: 120000,
          budget_mode: 'BUDGET_MODE_DAY',
          operation_status: 'ENABLE',
          secondary_status: 'CAMPAIGN_STATUS_ENABLE',
        },
        {
          campaign_id: '1700000001000002',
          campaign_name: 'B',
          budget: 4800000,
          budget_mode: 'BUDGET_MODE_TOTAL',
          operation_status: 'DISABLE',
        },
        { campaign_id: '1700000001000003', campaign_name: 'C', budget: 0, budget_mode: 'BUDGET_MODE_INFINITE' },
      ],
      page_info: { page: 1, page_size: 3, total_number: 7, total_page: 3 },
    },
  };

  it('reads budgets as major-unit numbers, daily only for BUDGET_MODE_DAY', () => {
    const page = parseTiktokCampaignsPage(campaigns, ctx);
    expect(page).toMatchObject({ page: 1, totalPage: 3 });
    expect(page.items.map((c) => [c.entityId, c.dailyBudgetMicros, c.status])).toEqual([
      ['1700000001000001', 120_000_000_000n, 'CAMPAIGN_STATUS_ENABLE'],
      ['1700000001000002', null, 'DISABLE'],
      ['1700000001000003', null, 'UNKNOWN'],
    ]);
    expect(page.items[0]).toMatchObject({ platform: 'tiktok', level: 'campaign', currency: 'KRW', name: 'A' });
  });

  it('keeps fractional budgets exact (USD 150.5 → 150,500,000 micros)', () => {
    const usd = { ...campaigns, data: { ...campaigns.data, list: [{ ...campaigns.data.list[0], budget: 150.5 }] } };
    expect(parseTiktokCampaignsPage(usd, { ...ctx, currency: 'USD' }).items[0]?.dailyBudgetMicros).toBe(150_500_000n);
  });

  it.each([
    [{ campaign_id: 1700000001000001, budget_mode: 'BUDGET_MODE_INFINITE' }, 'data.list[0].campaign_id'],
    [{ campaign_id: '1', budget: 'lots', budget_mode: 'BUDGET_MODE_DAY' }, 'data.list[0].budget'],
  ])('rejects a malformed campaign, naming the field (%#)', (entry, field) => {
    const body = { ...campaigns, data: { ...campaigns.data, list: [entry] } };
    expect(fieldOf(() => parseTiktokCampaignsPage(body, ctx))).toBe(field);
  });
});

describe('TikTok advertiser parsing', () => {
  const info = (entry: Record<string, unknown>) => ({
    code: 0,
    message: 'OK',
    request_id: 'r2',
    data: { list: [{ advertiser_id: '7000000000000000001', name: 'Dalbit TikTok KR', currency: 'KRW', ...entry }] },
  });

  it('prefers the region zone over an offset zone (field names unverified)', () => {
    expect(
      parseTiktokAdvertiser(info({ timezone: 'Etc/GMT-9', display_timezone: 'Asia/Seoul' }), '7000000000000000001'),
    ).toEqual({ currency: 'KRW', timeZone: 'Asia/Seoul', name: 'Dalbit TikTok KR' });
    expect(parseTiktokAdvertiser(info({ timezone: 'Asia/Seoul' }), '7000000000000000001').timeZone).toBe('Asia/Seoul');
    // Only an offset zone: returned as is, so the pull's config comparison reports the mismatch.
    expect(parseTiktokAdvertiser(info({ timezone: 'Etc/GMT-9' }), '7000000000000000001').timeZone).toBe('Etc/GMT-9');
  });

  it.each([
    [info({ currency: 12, timezone: 'Asia/Seoul' }), '7000000000000000001', 'data.list[0].currency'],
    [info({}), '7000000000000000001', 'data.list[0].timezone'],
    [info({ timezone: 'Asia/Seoul' }), '7000000000000000002', 'data.list'],
  ])('rejects a malformed advertiser, naming the field (%#)', (body, id, field) => {
    expect(fieldOf(() => parseTiktokAdvertiser(body, id))).toBe(field);
  });
});

describe('TikTok error classification (errors inside HTTP 200)', () => {
  const envelope = (code: number, message: string) => ({ code, message, request_id: 'REQ123', data: {} });

  it('treats code 0 as success, whatever else the body holds', () => {
    expect(classifyTiktokResponse(200, reportPage)).toBeNull();
    // No envelope code on HTTP 200: not a failure; the parser names what is missing.
    expect(classifyTiktokResponse(200, { data: {} })).toBeNull();
  });

  it('maps 40100 to a rate limit without a delay (TikTok gives none) and keeps request_id', () => {
    expect(classifyTiktokResponse(200, envelope(40100, 'Too many requests. QPS limit exceeded.'))).toEqual({
      kind: 'rate_limited',
      message: 'Too many requests. QPS limit exceeded. (code 40100)',
      traceId: 'REQ123',
    });
  });

  it.each([
    [40105, 'Access token is invalid or expired.', 'auth'],
    [40104, 'Access token is null.', 'auth'],
    [40102, 'Access token has expired.', 'auth'],
    [40199, 'Some other auth problem', 'auth'],
    [40100, 'Access token is not authorized', 'auth'], // the message breaks the tie (reference §5.3)
    [40001, 'No permission to operate advertiser 1.', 'permission'],
    [40002, 'end_date: The time span cannot exceed 30 days.', 'bad_request'],
    [40700, 'Something we do not know', 'bad_request'],
    [50000, 'System error.', 'transient'],
    [50002, 'Service unavailable.', 'transient'],
    [51001, 'Unknown server problem', 'transient'],
  ])('code %i → %s', (code, message, kind) => {
    expect(classifyTiktokResponse(200, envelope(code, message))?.kind).toBe(kind);
  });

  it('also handles real HTTP failures, with or without a JSON body', () => {
    expect(classifyTiktokResponse(503, undefined)).toEqual({
      kind: 'transient',
      message: 'HTTP 503',
      traceId: undefined,
    });
    expect(classifyTiktokResponse(500, envelope(50000, 'System error.'))?.kind).toBe('transient');
    expect(classifyTiktokResponse(429, undefined)?.kind).toBe('rate_limited');
    expect(classifyTiktokResponse(404, undefined)?.kind).toBe('not_found');
    expect(classifyTiktokResponse(400, undefined)?.kind).toBe('bad_request');
  });
});
