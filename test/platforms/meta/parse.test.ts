import { describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../../../src/connectors/errors';
import { classifyMetaError, metaRegainAccessMs } from '../../../src/platforms/meta/errors';
import { parseMetaAccount, parseMetaEntitiesPage, parseMetaInsightsPage } from '../../../src/platforms/meta/parse';

const ctx = {
  advertiserId: 'hanbit',
  accountId: 'act_1234567890',
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  isMature: (date: string) => date < '2025-05-13',
};

// The documented response shape (reference ad-platform-apis.md §1.2; Airbyte insights mock).
const insightsPage = {
  data: [
    {
      campaign_id: '120210000000000001',
      campaign_name: 'KR_Conv_AlwaysOn',
      spend: '152340',
      impressions: '48211',
      clicks: '913',
      actions: [
        { action_type: 'link_click', value: '801' },
        { action_type: 'offsite_conversion.fb_pixel_purchase', value: '37' },
        { action_type: 'omni_purchase', value: '37' },
      ],
      action_values: [{ action_type: 'omni_purchase', value: '2410500' }],
      purchase_roas: [{ action_type: 'omni_purchase', value: '15.823' }],
      account_currency: 'KRW',
      date_start: '2025-06-01',
      date_stop: '2025-06-01',
    },
    // No delivery metrics beyond spend: Meta omits keys without a value.
    { campaign_id: '120210000000000002', spend: '10', date_start: '2025-06-01', date_stop: '2025-06-01' },
  ],
  paging: {
    cursors: { before: 'MAZDZD', after: 'MQZDZD' },
    next: 'https://graph.facebook.com/v23.0/act_1/insights?after=MQZDZD&access_token=secret',
  },
};

describe('Meta insights parsing', () => {
  it('normalises a realistic page into micros, counting omni_purchase once', () => {
    const page = parseMetaInsightsPage(insightsPage, ctx);
    expect(page.after).toBe('MQZDZD');
    expect(page.items[0]).toMatchObject({
      platform: 'meta',
      entityId: '120210000000000001',
      date: '2025-06-01',
      impressions: 48211,
      clicks: 913,
      spendMicros: 152_340_000_000n,
      conversions: 37,
      conversionValueMicros: 2_410_500_000_000n,
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      mature: false,
    });
    expect(page.items[1]).toMatchObject({
      impressions: 0,
      clicks: 0,
      conversions: 0,
      conversionValueMicros: 0n,
      spendMicros: 10_000_000n,
    });
  });

  it.each(['', '-5', 'N/A'])('rejects the purchase count %j, naming the action', (value) => {
    const bad = structuredClone(insightsPage);
    bad.data[0]!.actions = [{ action_type: 'omni_purchase', value }];
    expect(() => parseMetaInsightsPage(bad, ctx)).toThrow(
      /data\[0\]\.actions\[omni_purchase\]\.value: expected a non-negative decimal/,
    );
  });

  it('marks rows older than the restatement window as mature', () => {
    const page = parseMetaInsightsPage(insightsPage, { ...ctx, isMature: () => true });
    expect(page.items[0]?.mature).toBe(true);
  });

  it('returns no cursor on the last page', () => {
    expect(parseMetaInsightsPage({ data: [], paging: { cursors: { before: 'a', after: 'b' } } }, ctx).after).toBeNull();
  });

  it.each([
    [{ data: 'nope' }, 'data'],
    [{ data: [{ ...insightsPage.data[0], spend: 'N/A' }] }, 'data[0].spend'],
    [{ data: [{ ...insightsPage.data[0], impressions: '12.5' }] }, 'data[0].impressions'],
    [{ data: [{ ...insightsPage.data[0], date_stop: '2025-06-07' }] }, 'data[0].date_stop'],
    [{ data: [{ ...insightsPage.data[0], campaign_id: 12 }] }, 'data[0].campaign_id'],
    [{ data: [{ ...insightsPage.data[0], account_currency: 'USD' }] }, 'data[0].account_currency'],
    [{ data: [], paging: { next: 'x', cursors: {} } }, 'paging.cursors.after'],
  ])('rejects a malformed body, naming the field (%#)', (body, field) => {
    const error = (() => {
      try {
        parseMetaInsightsPage(body, ctx);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).field).toBe(field);
  });

  it('reads campaigns with budgets in minor units, and without a campaign budget (ad-set budgets)', () => {
    const page = parseMetaEntitiesPage(
      {
        data: [
          { id: '1', name: 'A', effective_status: 'ACTIVE', daily_budget: '50000' },
          { id: '2', name: 'B', status: 'PAUSED' },
        ],
      },
      { advertiserId: 'x', accountId: 'act_1', currency: 'USD' },
    );
    expect(page.items.map((e) => e.dailyBudgetMicros)).toEqual([500_000_000n, null]);
    expect(page.items[1]?.status).toBe('PAUSED');
  });

  it('reads ad set insights (level=adset) with their campaign, and rejects a row without adset_id', () => {
    const adSetRow = {
      ...insightsPage.data[0],
      adset_id: '120210000500101',
      adset_name: 'KR_Conv_AlwaysOn_Broad',
    };
    const page = parseMetaInsightsPage({ data: [adSetRow] }, ctx, 'adset');
    expect(page.items[0]).toMatchObject({
      level: 'adset',
      entityId: '120210000500101',
      entityName: 'KR_Conv_AlwaysOn_Broad',
      campaignId: '120210000000000001',
      spendMicros: 152_340_000_000n,
    });
    // Campaign rows carry no campaignId of their own.
    expect(parseMetaInsightsPage(insightsPage, ctx).items[0]).not.toHaveProperty('campaignId');
    const { adset_id: _dropped, ...withoutId } = adSetRow;
    expect(() => parseMetaInsightsPage({ data: [withoutId] }, ctx, 'adset')).toThrow(
      expect.objectContaining({ field: 'data[0].adset_id' }),
    );
  });

  it('reads ad sets with ABO budgets (minor units) and CBO ad sets without one', () => {
    const page = parseMetaEntitiesPage(
      {
        data: [
          { id: '11', name: 'Broad', campaign_id: '1', effective_status: 'ACTIVE', daily_budget: '2500' },
          { id: '12', name: 'LAL', campaign_id: '2', effective_status: 'CAMPAIGN_PAUSED' },
        ],
      },
      { advertiserId: 'x', accountId: 'act_1', currency: 'USD' },
      'adset',
    );
    expect(page.items).toMatchObject([
      { level: 'adset', entityId: '11', campaignId: '1', dailyBudgetMicros: 25_000_000n, status: 'ACTIVE' },
      { level: 'adset', entityId: '12', campaignId: '2', dailyBudgetMicros: null, status: 'CAMPAIGN_PAUSED' },
    ]);
    expect(() =>
      parseMetaEntitiesPage(
        { data: [{ id: '11', name: 'Broad' }] },
        { advertiserId: 'x', accountId: 'a', currency: 'USD' },
        'adset',
      ),
    ).toThrow(expect.objectContaining({ field: 'data[0].campaign_id' }));
  });

  it('reads the account currency and zone', () => {
    expect(parseMetaAccount({ id: 'act_1', currency: 'KRW', timezone_name: 'Asia/Seoul' })).toMatchObject({
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
    });
    expect(() => parseMetaAccount({ id: 'act_1' })).toThrow(/currency/);
  });
});

describe('Meta error classification', () => {
  const err = (code: number, subcode?: number, extra = {}) => ({
    error: { message: 'm', type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'T1', ...extra },
  });

  it('treats an expired or invalid token as an auth failure', () => {
    expect(classifyMetaError(400, err(190, 463), {})).toMatchObject({ kind: 'auth', traceId: 'T1' });
    expect(classifyMetaError(400, err(104), {}).kind).toBe('auth');
  });

  it('reads the wait from the business-use-case usage header (minutes)', () => {
    const headers = {
      'x-business-use-case-usage': JSON.stringify({
        '123': [{ type: 'ads_insights', call_count: 100, estimated_time_to_regain_access: 5 }],
      }),
    };
    expect(classifyMetaError(400, err(80000, 2446079), headers)).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 300_000,
    });
    expect(classifyMetaError(400, err(17, 2446079), {}).kind).toBe('rate_limited');
    expect(classifyMetaError(400, err(613, 1487742), {}).kind).toBe('rate_limited');
    expect(metaRegainAccessMs({ 'x-business-use-case-usage': 'not json' })).toBeUndefined();
  });

  it('separates permission, transient and bad-request errors', () => {
    expect(classifyMetaError(400, err(100, 33), {}).kind).toBe('permission');
    expect(classifyMetaError(403, err(200), {}).kind).toBe('permission');
    expect(classifyMetaError(500, err(1, 99), {}).kind).toBe('transient');
    expect(classifyMetaError(400, err(2, 1504043, { is_transient: true }), {}).kind).toBe('transient');
    expect(classifyMetaError(400, err(100), {}).kind).toBe('bad_request');
    expect(classifyMetaError(502, '<html>bad gateway</html>', {}).kind).toBe('transient');
  });
});
