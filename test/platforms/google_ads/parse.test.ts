import { describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../../../src/connectors/errors';
import {
  classifyGoogleAdsError,
  isPageTokenError,
  parseDurationMs,
  readGoogleAdsError,
} from '../../../src/platforms/google_ads/errors';
import { campaignsQuery, customerQuery, dailyMetricsQuery } from '../../../src/platforms/google_ads/gaql';
import { parseCampaignsPage } from '../../../src/platforms/google_ads/entities';
import { parseCustomer, parseDailyMetricsPage } from '../../../src/platforms/google_ads/parse';
import { doubleMajorToMicros, int64Micros } from '../../../src/platforms/google_ads/units';

const ctx = {
  advertiserId: 'hanbit',
  accountId: '1234567890',
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  isMature: (date: string) => date < '2025-05-20',
};

// The documented search row shape (reference ad-platform-apis.md §2.2–2.3): nested lowerCamelCase resources,
// int64 as strings, doubles as numbers, conversionsValue in major units.
const metricsPage = {
  results: [
    {
      campaign: { resourceName: 'customers/1234567890/campaigns/111', id: '111', name: 'KR_Search_Brand' },
      metrics: {
        costMicros: '84120000000',
        impressions: '15230',
        clicks: '1044',
        conversions: 37.5,
        conversionsValue: 2410500.0,
      },
      segments: { date: '2025-06-01' },
    },
    // A metric holding its default value may be omitted (proto3 JSON); only impressions here.
    {
      campaign: { resourceName: 'customers/1234567890/campaigns/112', id: '112', name: 'KR_Search_Generic' },
      metrics: { impressions: '3' },
      segments: { date: '2025-06-02' },
    },
  ],
  nextPageToken: 'CN3q9-example-token',
  fieldMask:
    'campaign.id,campaign.name,metrics.impressions,metrics.clicks,metrics.costMicros,metrics.conversions,metrics.conversionsValue,segments.date',
  requestId: 'fXbr3YhcK2A7Qm0Yy1n4Qa',
};

const range = { from: '2025-06-01', to: '2025-06-07' };

describe('Google Ads daily metrics parsing', () => {
  it('normalises a realistic page: micros stay bigint, conversionsValue goes from major units to micros', () => {
    const page = parseDailyMetricsPage(metricsPage, ctx, range);
    expect(page.nextPageToken).toBe('CN3q9-example-token');
    expect(page.items[0]).toEqual({
      platform: 'google_ads',
      accountId: '1234567890',
      advertiserId: 'hanbit',
      level: 'campaign',
      entityId: '111',
      entityName: 'KR_Search_Brand',
      date: '2025-06-01',
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      impressions: 15230,
      clicks: 1044,
      spendMicros: 84_120_000_000n,
      conversions: 37.5,
      conversionValueMicros: 2_410_500_000_000n,
      mature: false,
    });
    expect(page.items[1]).toMatchObject({
      entityId: '112',
      impressions: 3,
      clicks: 0,
      spendMicros: 0n,
      conversions: 0,
      conversionValueMicros: 0n,
    });
  });

  it('keeps KRW micros above 2^53 exact', () => {
    const body = {
      results: [{ ...metricsPage.results[0], metrics: { costMicros: '9100000000000000123' } }],
    };
    expect(parseDailyMetricsPage(body, ctx).items[0]?.spendMicros).toBe(9_100_000_000_000_000_123n);
  });

  it('returns no token on the last page and no rows when `results` is absent', () => {
    const page = parseDailyMetricsPage({ fieldMask: 'campaign.id', requestId: 'r' }, ctx, range);
    expect(page).toEqual({ items: [], nextPageToken: null });
  });

  it('marks rows older than the restatement window as mature', () => {
    const body = { results: [{ ...metricsPage.results[0], segments: { date: '2025-05-19' } }] };
    expect(parseDailyMetricsPage(body, ctx).items[0]?.mature).toBe(true);
  });

  it('names the field when a row breaks the documented shape', () => {
    const withMetrics = (metrics: object) => ({ results: [{ ...metricsPage.results[0], metrics }] });
    const cases: Array<[unknown, string]> = [
      [withMetrics({ costMicros: 12.5 }), 'results[0].metrics.costMicros'],
      [withMetrics({ costMicros: '12.5' }), 'results[0].metrics.costMicros'],
      [withMetrics({ impressions: 15230 }), 'results[0].metrics.impressions'],
      [withMetrics({ conversions: 'NaN' }), 'results[0].metrics.conversions'],
      [withMetrics({ conversionsValue: null }), 'results[0].metrics.conversionsValue'],
      [{ results: [{ ...metricsPage.results[0], campaign: { id: 111 } }] }, 'results[0].campaign.id'],
      [{ results: [{ ...metricsPage.results[0], segments: { date: '20250601' } }] }, 'results[0].segments.date'],
      [{ results: [{ ...metricsPage.results[0], segments: { date: '2025-06-09' } }] }, 'results[0].segments.date'],
      [{ results: 'oops' }, 'results'],
      [{ results: [], nextPageToken: 7 }, 'nextPageToken'],
      ['[]', '(body)'],
    ];
    for (const [body, field] of cases) {
      const error = (() => {
        try {
          parseDailyMetricsPage(body, ctx, range);
        } catch (e) {
          return e;
        }
      })();
      expect(error, field).toBeInstanceOf(ResponseFormatError);
      expect((error as ResponseFormatError).field).toBe(field);
    }
  });
});

describe('Google Ads money doubles and int64 strings', () => {
  it('reads a double in major units exactly as printed, rounding beyond micros half away from zero', () => {
    expect(doubleMajorToMicros(1234.56, 'v')).toBe(1_234_560_000n);
    expect(doubleMajorToMicros(0.1 + 0.2, 'v')).toBe(300_000n); // 0.30000000000000004
    expect(doubleMajorToMicros(2410500, 'v')).toBe(2_410_500_000_000n);
    expect(doubleMajorToMicros(123456789012.34, 'v')).toBe(123_456_789_012_340_000n);
    expect(doubleMajorToMicros(33.3333335, 'v')).toBe(33_333_334n);
    expect(doubleMajorToMicros(-1.5, 'v')).toBe(-1_500_000n);
    expect(doubleMajorToMicros(1e-7, 'v')).toBe(0n);
    expect(doubleMajorToMicros('19.99', 'v')).toBe(19_990_000n);
    expect(() => doubleMajorToMicros(Infinity, 'v')).toThrow(ResponseFormatError);
  });

  it('refuses micros that are not int64 strings', () => {
    expect(int64Micros('-5', 'x')).toBe(-5n);
    expect(() => int64Micros(5, 'x')).toThrow(/expected an int64 micros string/);
  });
});

describe('Google Ads campaigns and customer parsing', () => {
  it('reads campaigns with budget micros, including an explicitly shared budget', () => {
    const body = {
      results: [
        {
          campaign: {
            resourceName: 'customers/1234567890/campaigns/111',
            id: '111',
            name: 'KR_Search_Brand',
            status: 'ENABLED',
          },
          campaignBudget: {
            resourceName: 'customers/1234567890/campaignBudgets/222',
            amountMicros: '100000000000',
            explicitlyShared: false,
          },
        },
        {
          campaign: { resourceName: 'customers/1234567890/campaigns/113', id: '113', name: 'Shared', status: 'PAUSED' },
          campaignBudget: {
            resourceName: 'customers/1234567890/campaignBudgets/999',
            amountMicros: '540000000000',
            explicitlyShared: true,
          },
        },
      ],
      fieldMask: 'campaign.id,campaign.name,campaign.status,campaignBudget.amountMicros',
      requestId: 'x',
    };
    const page = parseCampaignsPage(body, ctx);
    expect(page.nextPageToken).toBeNull();
    expect(page.items).toEqual([
      {
        platform: 'google_ads',
        accountId: '1234567890',
        advertiserId: 'hanbit',
        level: 'campaign',
        entityId: '111',
        name: 'KR_Search_Brand',
        status: 'ENABLED',
        currency: 'KRW',
        dailyBudgetMicros: 100_000_000_000n,
      },
      expect.objectContaining({ entityId: '113', status: 'PAUSED', dailyBudgetMicros: 540_000_000_000n }),
    ]);
    expect(() =>
      parseCampaignsPage({ results: [{ ...body.results[0], campaignBudget: { amountMicros: 1e11 } }] }, ctx),
    ).toThrow(/results\[0\]\.campaignBudget\.amountMicros/);
  });

  it('reads the customer currency and time zone', () => {
    const body = {
      results: [
        {
          customer: {
            resourceName: 'customers/1234567890',
            currencyCode: 'KRW',
            timeZone: 'Asia/Seoul',
            descriptiveName: 'Hanbit Search KR',
          },
        },
      ],
      fieldMask: 'customer.currencyCode,customer.timeZone,customer.descriptiveName',
      requestId: 'x',
    };
    expect(parseCustomer(body)).toEqual({ currency: 'KRW', timeZone: 'Asia/Seoul', name: 'Hanbit Search KR' });
    expect(() => parseCustomer({ results: [{ customer: { currencyCode: 410 } }] })).toThrow(
      /results\[0\]\.customer\.currencyCode/,
    );
    expect(() => parseCustomer({ fieldMask: 'x' })).toThrow(/results/);
  });

  it('builds the GAQL it sends, with the date range inline', () => {
    expect(customerQuery()).toBe(
      'SELECT customer.currency_code, customer.time_zone, customer.descriptive_name FROM customer',
    );
    expect(campaignsQuery()).toMatch(/campaign_budget\.amount_micros.*FROM campaign$/);
    expect(dailyMetricsQuery(range)).toMatch(/WHERE segments\.date BETWEEN '2025-06-01' AND '2025-06-07'$/);
    expect(() => dailyMetricsQuery({ from: "2025-06-01' OR 1=1", to: '2025-06-02' })).toThrow();
  });
});

/** A GoogleAdsFailure envelope (reference §2.5). */
function failure(status: string, code: number, errorCode: Record<string, string>, details?: object) {
  return {
    error: {
      code,
      message: 'x',
      status,
      details: [
        {
          '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
          errors: [{ errorCode, message: 'detail', ...(details ? { details } : {}) }],
          requestId: 'REQ1',
        },
      ],
    },
  };
}

describe('Google Ads error classification', () => {
  it('reads quotaErrorDetails.retryDelay into retryAfterMs', () => {
    const body = failure(
      'RESOURCE_EXHAUSTED',
      429,
      { quotaError: 'RESOURCE_EXHAUSTED' },
      {
        quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations', retryDelay: '60s' },
      },
    );
    expect(classifyGoogleAdsError(429, body)).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 60_000,
      traceId: 'REQ1',
    });
    expect(classifyGoogleAdsError(429, body).message).toContain('quotaError.RESOURCE_EXHAUSTED');
    expect(
      classifyGoogleAdsError(429, failure('RESOURCE_EXHAUSTED', 429, { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' })),
    ).toMatchObject({ kind: 'rate_limited', retryAfterMs: undefined });
    expect(classifyGoogleAdsError(429, '<html>').kind).toBe('rate_limited');
    expect(parseDurationMs('8962s')).toBe(8_962_000);
    expect(parseDurationMs('1.5s')).toBe(1_500);
    expect(parseDurationMs('soon')).toBeUndefined();
  });

  it('treats an expired or invalid OAuth token as auth, a wrong login-customer-id as permission', () => {
    expect(
      classifyGoogleAdsError(401, failure('UNAUTHENTICATED', 401, { authenticationError: 'OAUTH_TOKEN_EXPIRED' })),
    ).toMatchObject({ kind: 'auth', traceId: 'REQ1' });
    expect(classifyGoogleAdsError(401, { error: { code: 401, status: 'UNAUTHENTICATED' } }).kind).toBe('auth');
    expect(
      classifyGoogleAdsError(403, failure('PERMISSION_DENIED', 403, { authorizationError: 'USER_PERMISSION_DENIED' }))
        .kind,
    ).toBe('permission');
    expect(
      classifyGoogleAdsError(403, failure('PERMISSION_DENIED', 403, { quotaError: 'ACCESS_PROHIBITED' })).kind,
    ).toBe('permission');
  });

  it('retries 500 INTERNAL, 503 UNAVAILABLE and 504; refuses bad requests', () => {
    expect(classifyGoogleAdsError(500, failure('INTERNAL', 500, { internalError: 'INTERNAL_ERROR' })).kind).toBe(
      'transient',
    );
    expect(classifyGoogleAdsError(503, { error: { code: 503, status: 'UNAVAILABLE' } }).kind).toBe('transient');
    expect(classifyGoogleAdsError(504, 'gateway timeout').kind).toBe('transient');
    const query = failure('INVALID_ARGUMENT', 400, { queryError: 'UNRECOGNIZED_FIELD' });
    expect(classifyGoogleAdsError(400, query)).toMatchObject({ kind: 'bad_request' });
    expect(classifyGoogleAdsError(400, query).message).toContain('queryError.UNRECOGNIZED_FIELD');
    expect(classifyGoogleAdsError(404, { error: { code: 404, status: 'NOT_FOUND' } }).kind).toBe('not_found');
  });

  it('recognises a refused page token, and reads every error of a response', () => {
    expect(isPageTokenError(400, failure('INVALID_ARGUMENT', 400, { requestError: 'EXPIRED_PAGE_TOKEN' }))).toBe(true);
    expect(isPageTokenError(400, failure('INVALID_ARGUMENT', 400, { requestError: 'INVALID_PAGE_TOKEN' }))).toBe(true);
    expect(isPageTokenError(400, failure('INVALID_ARGUMENT', 400, { requestError: 'PAGE_SIZE_NOT_SUPPORTED' }))).toBe(
      false,
    );
    const two = failure('INVALID_ARGUMENT', 400, { queryError: 'BAD_VALUE' });
    two.error.details[0]!.errors.push({ errorCode: { queryError: 'BAD_FIELD_NAME' }, message: 'second' });
    expect(readGoogleAdsError(400, two).errors.map((e) => e.code)).toEqual(['BAD_VALUE', 'BAD_FIELD_NAME']);
  });
});
