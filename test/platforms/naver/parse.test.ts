import { describe, expect, it } from 'vitest';
import { classifyNaverError } from '../../../src/platforms/naver/errors';
import { parseNaverCampaigns } from '../../../src/platforms/naver/entities';
import { parseNaverDailyStats } from '../../../src/platforms/naver/parse';
import { formatError } from '../../helpers/format-errors';
import { parseContext, matureBefore } from '../../helpers/parse-context';

const ctx = parseContext('1234567', { isMature: matureBefore('2025-06-02') });
const campaign = { id: 'cmp-a001-01-000000001234567', name: '파워링크_브랜드', status: 'ELIGIBLE' };
const range = { from: '2025-06-01', to: '2025-06-02' };

// Daily single-entity form (reference §3.3; ncc-report.json DailyStatResponse; java-sample model/Stat.java).
const dailyStats = {
  data: [
    {
      dateStart: '2025-06-01',
      dateEnd: '2025-06-01',
      impCnt: 15230,
      clkCnt: 412,
      salesAmt: 184360,
      ccnt: 12,
      convAmt: 960000,
      ctr: 2.71,
      cpc: 447.48,
      ror: 520.72,
    },
    // convAmt/ccnt not returned: read as zero.
    { dateStart: '2025-06-02', dateEnd: '2025-06-02', impCnt: 14105, clkCnt: 388, salesAmt: 171920 },
  ],
  summary: { dateStart: '2025-06-01', dateEnd: '2025-06-02' },
};

describe('Naver /stats parsing', () => {
  it('normalises daily rows: whole KRW → micros, VAT-inclusive spend flagged, KST dates', () => {
    const rows = parseNaverDailyStats(dailyStats, campaign, range, ctx);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      platform: 'naver',
      accountId: '1234567',
      advertiserId: 'hanbit',
      level: 'campaign',
      entityId: 'cmp-a001-01-000000001234567',
      entityName: '파워링크_브랜드',
      date: '2025-06-01',
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      impressions: 15230,
      clicks: 412,
      spendMicros: 184_360_000_000n,
      conversions: 12,
      conversionValueMicros: 960_000_000_000n,
      mature: true,
      vatIncluded: true,
    });
    expect(rows[1]).toMatchObject({ conversions: 0, conversionValueMicros: 0n, mature: false, vatIncluded: true });
  });

  it('tolerates the swagger wrapper dailyStatResponse', () => {
    const rows = parseNaverDailyStats({ dailyStatResponse: dailyStats }, campaign, range, ctx);
    expect(rows.map((r) => r.spendMicros)).toEqual([184_360_000_000n, 171_920_000_000n]);
  });

  it('reads an empty data array (no delivery in the range) as no rows', () => {
    expect(parseNaverDailyStats({ data: [], summary: {} }, campaign, range, ctx)).toEqual([]);
  });

  it('names the broken field of a malformed body', () => {
    const broken = { ...dailyStats, data: [{ ...dailyStats.data[0], salesAmt: 'N/A' }] };
    expect(formatError(() => parseNaverDailyStats(broken, campaign, range, ctx)).field).toBe('data[0].salesAmt');
    const fractional = { data: [{ ...dailyStats.data[0], convAmt: 10.5 }] };
    expect(formatError(() => parseNaverDailyStats(fractional, campaign, range, ctx)).field).toBe('data[0].convAmt');
    const missing = { data: [{ dateStart: '2025-06-01', dateEnd: '2025-06-01', impCnt: 1, clkCnt: 0 }] };
    expect(formatError(() => parseNaverDailyStats(missing, campaign, range, ctx)).field).toBe('data[0].salesAmt');
    const span = { data: [{ ...dailyStats.data[0], dateEnd: '2025-06-02' }] };
    expect(formatError(() => parseNaverDailyStats(span, campaign, range, ctx)).field).toBe('data[0].dateEnd');
    const outside = { data: [{ ...dailyStats.data[0], dateStart: '2025-05-31', dateEnd: '2025-05-31' }] };
    expect(formatError(() => parseNaverDailyStats(outside, campaign, range, ctx)).field).toBe('data[0].dateStart');
    expect(formatError(() => parseNaverDailyStats({ summary: {} }, campaign, range, ctx)).field).toBe('data');
    expect(formatError(() => parseNaverDailyStats([], campaign, range, ctx)).field).toBe('(body)');
  });
});

// Campaign list: a JSON array (reference §3.2, ncc-heroes-ncc.json Campaign).
const campaigns = [
  {
    nccCampaignId: 'cmp-a001-01-000000001234567',
    customerId: 1234567,
    name: '파워링크_브랜드',
    campaignTp: 'WEB_SITE',
    userLock: false,
    deliveryMethod: 'STANDARD',
    useDailyBudget: true,
    dailyBudget: 100000,
    status: 'ELIGIBLE',
    statusReason: 'CAMPAIGN_LIMITED_BY_BUDGET',
    sharedBudgetId: null,
    regTm: '2024-03-01T02:11:09.000Z',
    editTm: '2025-06-01T00:02:41.000Z',
  },
  {
    nccCampaignId: 'cmp-a001-01-000000001234568',
    customerId: 1234567,
    name: '쇼핑_상시',
    campaignTp: 'SHOPPING',
    useDailyBudget: false,
    dailyBudget: 0,
    status: 'PAUSED',
    sharedBudgetId: null,
  },
  {
    nccCampaignId: 'cmp-a001-01-000000001234569',
    customerId: 1234567,
    name: '공유예산',
    useDailyBudget: true,
    dailyBudget: 50000,
    status: 'ELIGIBLE',
    sharedBudgetId: 'sbg-a001-01-000000000000001',
  },
];

describe('Naver campaign list parsing', () => {
  it('maps budgets: int KRW → micros only with useDailyBudget=true and no shared budget', () => {
    const page = parseNaverCampaigns(campaigns, ctx);
    expect(page.campaigns.map((c) => c.id)).toEqual(campaigns.map((c) => c.nccCampaignId));
    expect(page.entities.map((e) => e.dailyBudgetMicros)).toEqual([100_000_000_000n, null, null]);
    expect(page.entities[1]).toMatchObject({ platform: 'naver', status: 'PAUSED', currency: 'KRW', name: '쇼핑_상시' });
  });

  it('names the broken field', () => {
    expect(formatError(() => parseNaverCampaigns([{ ...campaigns[0], dailyBudget: 'N/A' }], ctx)).field).toBe(
      '[0].dailyBudget',
    );
    expect(formatError(() => parseNaverCampaigns([{ ...campaigns[0], nccCampaignId: 7 }], ctx)).field).toBe(
      '[0].nccCampaignId',
    );
    expect(formatError(() => parseNaverCampaigns([{ ...campaigns[0], customerId: 7654321 }], ctx)).field).toBe(
      '[0].customerId',
    );
    expect(formatError(() => parseNaverCampaigns({ data: campaigns }, ctx)).field).toBe('(body)');
  });
});

describe('Naver error classification', () => {
  const trace = { 'x-transaction-id': '6e278a50eb033176' };

  it('treats a revoked API key or a wrong secret as auth, without echoing the key', () => {
    const apiKey = '0100000000320dd14b1310caeea9e014407d99950dc348f3e1d49715ac9441ded91a32e';
    const failure = classifyNaverError(
      403,
      {
        apikey: apiKey,
        status: 403,
        type: 'urn:naver:api:problem:invalid-apikey',
        title: 'Invalid API-KEY',
        detail: `API-KEY '${apiKey}' is invalid.`,
      },
      trace,
    );
    expect(failure).toMatchObject({ kind: 'auth', traceId: '6e278a50eb033176' });
    expect(failure.message).toContain('Invalid API-KEY');
    expect(failure.message).not.toContain(apiKey);
    const signature = classifyNaverError(
      403,
      { status: 403, type: 'urn:naver:api:problem:invalid-signature', title: 'Invalid Signature', detail: '…' },
      trace,
    );
    expect(signature.kind).toBe('auth');
  });

  it('treats a customer the license is not linked to as permission', () => {
    const failure = classifyNaverError(
      403,
      { status: 403, type: 'urn:naver:api:problem:auth-failed', title: 'Auth Failed', detail: 'Auth failed with …' },
      trace,
    );
    expect(failure.kind).toBe('permission');
    expect(classifyNaverError(404, { code: 1018, status: 404, title: '접근 권한이 없습니다.' }, trace).kind).toBe(
      'permission',
    );
    expect(classifyNaverError(403, { code: 1006, status: 403, title: '권한이 없습니다.' }, trace).kind).toBe(
      'permission',
    );
  });

  it('marks an expired X-Timestamp as retryable with a fresh signature', () => {
    const failure = classifyNaverError(
      403,
      {
        timestamp: '1487841220234',
        detail: 'Request has expired.',
        status: 403,
        title: 'Invalid Timestamp',
        type: 'urn:naver:api:problem:invalid-timestamp',
      },
      trace,
    );
    expect(failure).toMatchObject({ kind: 'transient', staleTimestamp: true });
  });

  it('treats HTTP 429 and code 1016 as rate limits with no platform delay (the engine floor applies)', () => {
    const limited = classifyNaverError(
      429,
      { code: 429, status: 429, title: 'Cannot handle the request. Too many requests already exist.' },
      trace,
    );
    expect(limited).toMatchObject({ kind: 'rate_limited', traceId: '6e278a50eb033176' });
    expect(limited.retryAfterMs).toBeUndefined();
    expect(classifyNaverError(400, { code: 1016, status: 400, title: 'Too many connections' }, {}).kind).toBe(
      'rate_limited',
    );
    expect(classifyNaverError(429, { code: 429, message: 'Too Many Requests' }, {}).kind).toBe('rate_limited');
  });

  it('treats maintenance and 5xx as transient, and the rest as bad request or not found', () => {
    expect(classifyNaverError(503, { code: 503, status: 503, title: 'scheduled maintenance' }, trace).kind).toBe(
      'transient',
    );
    expect(classifyNaverError(500, undefined, {}).kind).toBe('transient');
    expect(classifyNaverError(400, { code: 1002, status: 400, title: 'Invalid request' }, {}).kind).toBe('bad_request');
    expect(classifyNaverError(400, { code: 3505, status: 400, title: '예산값이 잘못되었습니다.' }, {}).kind).toBe(
      'bad_request',
    );
    expect(classifyNaverError(404, { code: 3501, status: 404, title: 'campaign missing' }, {}).kind).toBe('not_found');
  });
});
