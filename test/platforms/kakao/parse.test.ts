import { describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../../../src/connectors/errors';
import { classifyKakaoError, kakaoFailure } from '../../../src/platforms/kakao/errors';
import {
  kakaoWonToMicros,
  parseKakaoAdAccount,
  parseKakaoCampaignDetail,
  parseKakaoCampaignList,
} from '../../../src/platforms/kakao/parse';
import { parseKakaoReport } from '../../../src/platforms/kakao/parse-report';

const ctx = {
  advertiserId: 'hanbit',
  accountId: '10000',
  isMature: (date: string) => date < '2025-06-02',
  campaignNames: new Map([
    ['1234', 'KR_AlwaysOn_01'],
    ['1235', 'KR_Retargeting_02'],
  ]),
};

// The documented shape (reference §4.3) as raw text: Kakao writes KRW amounts as doubles (152340.0).
const reportText = `{"code":200,"message":"Success","data":[
  {"start":"2025-06-01","end":"2025-06-01","dimensions":{"campaign_id":"1234"},
   "metrics":{"imp":48211,"click":913,"ctr":1.89,"cost":152340.0,
              "conv_purchase_1d":30,"conv_purchase_7d":37,"conv_purchase_p_1d":1954000.0,"conv_purchase_p_7d":2410500.0}},
  {"start":"2025-06-02","end":"2025-06-02","dimensions":{"campaign_id":1235},
   "metrics":{"imp":1200,"click":14,"ctr":1.17,"cost":8810.0}}]}`;

describe('Kakao report parsing', () => {
  it('normalises a realistic report into micros, counting the 7-day purchase window', () => {
    const rows = parseKakaoReport(JSON.parse(reportText), ctx);
    expect(rows[0]).toMatchObject({
      platform: 'kakao',
      accountId: '10000',
      advertiserId: 'hanbit',
      level: 'campaign',
      entityId: '1234',
      entityName: 'KR_AlwaysOn_01',
      date: '2025-06-01',
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      impressions: 48211,
      clicks: 913,
      spendMicros: 152_340_000_000n,
      conversions: 37,
      conversionValueMicros: 2_410_500_000_000n,
      mature: true,
    });
  });

  it('treats omitted conversion metrics as zero (no pixel, or a group that does not apply) and accepts numeric ids', () => {
    const row = parseKakaoReport(JSON.parse(reportText), ctx)[1];
    expect(row).toMatchObject({
      entityId: '1235',
      entityName: 'KR_Retargeting_02',
      conversions: 0,
      conversionValueMicros: 0n,
      spendMicros: 8_810_000_000n,
      mature: false,
    });
  });

  it('accepts an empty report: data for non-matching metric groups is empty, not an error', () => {
    expect(parseKakaoReport({ code: 200, message: 'Success', data: [] }, ctx)).toEqual([]);
  });

  const row = JSON.parse(reportText).data[0];
  it.each([
    [{ code: 200 }, 'data'],
    ['not an object', '(body)'],
    [{ code: -813, data: [] }, 'code'],
    [{ data: [{ ...row, metrics: { ...row.metrics, cost: 'N/A' } }] }, 'data[0].metrics.cost'],
    [{ data: [{ ...row, metrics: { ...row.metrics, cost: 152340.5 } }] }, 'data[0].metrics.cost'],
    [{ data: [{ ...row, metrics: { ...row.metrics, imp: '48211' } }] }, 'data[0].metrics.imp'],
    [{ data: [{ ...row, metrics: { ...row.metrics, conv_purchase_7d: 1.5 } }] }, 'data[0].metrics.conv_purchase_7d'],
    [
      { data: [{ ...row, metrics: { ...row.metrics, conv_purchase_p_7d: 'x' } }] },
      'data[0].metrics.conv_purchase_p_7d',
    ],
    [{ data: [{ ...row, metrics: undefined }] }, 'data[0].metrics'],
    [{ data: [{ ...row, start: '20250601' }] }, 'data[0].start'],
    [{ data: [{ ...row, end: '2025-06-07' }] }, 'data[0].end'],
    [{ data: [{ ...row, dimensions: { campaign_id: 'abc' } }] }, 'data[0].dimensions.campaign_id'],
  ])('names the broken field: %j → %s', (body, field) => {
    expect(() => parseKakaoReport(body, ctx)).toThrow(ResponseFormatError);
    try {
      parseKakaoReport(body, ctx);
    } catch (err) {
      expect((err as ResponseFormatError).field).toBe(field);
    }
  });

  it('converts whole won to micros without a float and rejects fractions', () => {
    expect(kakaoWonToMicros(9_007_199_254, 'cost')).toBe(9_007_199_254_000_000n);
    expect(() => kakaoWonToMicros(0.1, 'cost')).toThrow(/whole non-negative won/);
    expect(() => kakaoWonToMicros(-5, 'cost')).toThrow(ResponseFormatError);
  });
});

describe('Kakao campaigns and ad account parsing', () => {
  it('reads the campaign list (docs kakaomoment/campaign), ids as strings', () => {
    const body = {
      content: [
        { id: 1111, name: 'KR_AlwaysOn_01', config: 'ON', userConfig: 'ON', systemConfig: 'ON' },
        { id: 1112, name: 'KR_Promo_05', config: 'OFF', userConfig: 'OFF', systemConfig: 'ON' },
      ],
    };
    expect(parseKakaoCampaignList(body)).toEqual([
      { id: '1111', name: 'KR_AlwaysOn_01', config: 'ON' },
      { id: '1112', name: 'KR_Promo_05', config: 'OFF' },
    ]);
    expect(() => parseKakaoCampaignList({ result: 'x' })).toThrow(/^content:/);
    expect(() => parseKakaoCampaignList({ content: [{ id: 'x' }] })).toThrow(/^content\[0\]\.id:/);
  });

  const detail = {
    id: 1111,
    name: 'KR_AlwaysOn_01',
    config: 'ON',
    userConfig: 'ON',
    systemConfig: 'ON',
    dailyBudgetAmount: 500000,
  };

  it('reads the daily budget in integer KRW as micros; null means no daily limit', () => {
    expect(parseKakaoCampaignDetail(detail, ctx)).toEqual({
      platform: 'kakao',
      accountId: '10000',
      advertiserId: 'hanbit',
      level: 'campaign',
      entityId: '1111',
      name: 'KR_AlwaysOn_01',
      status: 'ON',
      currency: 'KRW',
      dailyBudgetMicros: 500_000_000_000n,
    });
    expect(parseKakaoCampaignDetail({ ...detail, dailyBudgetAmount: null }, ctx).dailyBudgetMicros).toBeNull();
    expect(parseKakaoCampaignDetail({ ...detail, systemConfig: 'ADMIN_STOP' }, ctx).status).toBe('ADMIN_STOP');
    expect(() => parseKakaoCampaignDetail({ ...detail, dailyBudgetAmount: 'N/A' }, ctx)).toThrow(/^dailyBudgetAmount:/);
  });

  it('states KRW and KST for the ad account and checks it is the account asked for', () => {
    const account = { id: 10000, name: 'Hanbit 카카오모먼트', memberType: 'MASTER', config: 'ON' };
    expect(parseKakaoAdAccount(account, '10000')).toEqual({
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      name: 'Hanbit 카카오모먼트',
    });
    expect(() => parseKakaoAdAccount({ ...account, id: 20000 }, '10000')).toThrow(/^id:/);
    expect(() => parseKakaoAdAccount({ ...account, id: 'N/A' }, '10000')).toThrow(/^id:/);
  });
});

describe('Kakao error classification', () => {
  const ctxErr = { reportIntervalMs: 5_000 };
  const envelope = (code: number, msg: string, extras: object = {}) => ({ code, msg, extras });

  it('invalid or expired token → auth', () => {
    expect(classifyKakaoError(401, envelope(-401, 'this access token is already expired'), ctxErr)).toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('already expired'),
    });
  });

  it('no access to the account or missing consent → permission', () => {
    expect(classifyKakaoError(403, envelope(-5, 'no permission'), ctxErr).kind).toBe('permission');
    expect(classifyKakaoError(403, envelope(-402, 'consent required'), ctxErr).kind).toBe('permission');
    expect(classifyKakaoError(403, envelope(-12, 'app suspended'), ctxErr).kind).toBe('permission');
    const foreign = envelope(-813, 'KakaoMomentException', { detailCode: 9004, detailMsg: '권한이 없습니다.' });
    expect(classifyKakaoError(400, foreign, ctxErr).kind).toBe('permission');
  });

  it('-813 with HTTP 429 → rate limited for the 5-second report interval; -10 → rate limited without a delay', () => {
    expect(classifyKakaoError(429, envelope(-813, 'KakaoMomentException'), ctxErr)).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 5_000,
    });
    const callCount = classifyKakaoError(400, envelope(-10, 'API limit has been exceeded.'), ctxErr);
    expect(callCount.kind).toBe('rate_limited');
    expect(callCount.retryAfterMs).toBeUndefined();
  });

  it('-813 with HTTP 400 is a business error: deleted objects → not found, the rest → bad request', () => {
    const deleted = envelope(-813, 'KakaoMomentException', { detailCode: 31001, detailMsg: '삭제된 캠페인' });
    expect(classifyKakaoError(400, deleted, ctxErr)).toMatchObject({
      kind: 'not_found',
      message: expect.stringContaining('detail 31001'),
    });
    const tooLow = envelope(-813, 'KakaoMomentException', { detailCode: 31011, detailMsg: 'min 50,000' });
    expect(classifyKakaoError(400, tooLow, ctxErr).kind).toBe('bad_request');
    expect(classifyKakaoError(400, envelope(-2, 'invalid parameter'), ctxErr).kind).toBe('bad_request');
  });

  it('5xx → transient, even without a Kakao body', () => {
    expect(classifyKakaoError(500, envelope(-1, 'internal server error'), ctxErr).kind).toBe('transient');
    expect(classifyKakaoError(503, '<html>', ctxErr).kind).toBe('transient');
  });

  it('a 2xx is a success unless its body carries a negative code', () => {
    expect(kakaoFailure(200, { code: 200, data: [] }, ctxErr)).toBeNull();
    expect(kakaoFailure(200, undefined, ctxErr)).toBeNull();
    expect(kakaoFailure(200, envelope(-2, 'invalid parameter'), ctxErr)?.kind).toBe('bad_request');
    expect(kakaoFailure(429, envelope(-813, 'KakaoMomentException'), ctxErr)?.kind).toBe('rate_limited');
  });
});
