import { describe, expect, it } from 'vitest';
import { decodeEntityCursor, encodeEntityCursor } from '../../../src/platforms/kakao/entity-cursor';
import { parseKakaoAdGroupDetail, parseKakaoAdGroupList } from '../../../src/platforms/kakao/parse';
import { parseKakaoAdGroupReport } from '../../../src/platforms/kakao/parse-report';
import { fieldOf } from '../../helpers/format-errors';

const ctx = {
  advertiserId: 'hanbit',
  accountId: '10000',
  isMature: (date: string) => date < '2025-06-02',
  adGroups: new Map([
    ['51111', { name: 'KR_AlwaysOn_01_Broad', campaignId: '1234' }],
    ['51112', { name: 'KR_AlwaysOn_01_Lookalike', campaignId: '1234' }],
  ]),
};

/** Fields that cannot be compared with `toThrow(ResponseFormatError)` alone: the error must name the field. */
describe('Kakao ad group list and detail parsing (docs kakaomoment/ad-group)', () => {
  // The documented list shape: {content: [{id, name, type, config, userConfig, systemConfig}]}.
  const list = {
    content: [
      { id: 51111, name: 'KR_AlwaysOn_01_Broad', type: 'DISPLAY', config: 'ON', userConfig: 'ON', systemConfig: 'ON' },
      { id: '51112', name: '광고그룹 2', type: 'DISPLAY', config: 'OFF', userConfig: 'OFF', systemConfig: 'ON' },
    ],
  };

  it('reads the list with ids as decimal strings', () => {
    expect(parseKakaoAdGroupList(list)).toEqual([
      { id: '51111', name: 'KR_AlwaysOn_01_Broad', config: 'ON' },
      { id: '51112', name: '광고그룹 2', config: 'OFF' },
    ]);
    expect(parseKakaoAdGroupList({ content: [] })).toEqual([]);
  });

  it.each([
    [{ result: 'x' }, 'content'],
    ['[]', '(body)'],
    [{ content: ['x'] }, 'content[0]'],
    [{ content: [{ ...list.content[0], id: 'abc' }] }, 'content[0].id'],
    [{ content: [{ ...list.content[0], id: -3 }] }, 'content[0].id'],
  ])('names the broken list field: %j → %s', (body, field) => {
    expect(fieldOf(() => parseKakaoAdGroupList(body))).toBe(field);
  });

  const detail = {
    id: 51111,
    name: 'KR_AlwaysOn_01_Broad',
    type: 'DISPLAY',
    config: 'ON',
    userConfig: 'ON',
    systemConfig: 'ON',
    campaign: { id: 1234, name: 'KR_AlwaysOn_01', adAccountId: 10000 },
    dailyBudgetAmount: 120000,
    statusDescription: '운영중',
  };
  const detailCtx = { advertiserId: 'hanbit', accountId: '10000', campaignId: '1234' };

  it('reads the ad group budget in integer KRW as micros, under its campaign', () => {
    expect(parseKakaoAdGroupDetail(detail, detailCtx)).toEqual({
      platform: 'kakao',
      accountId: '10000',
      advertiserId: 'hanbit',
      level: 'adset',
      entityId: '51111',
      campaignId: '1234',
      name: 'KR_AlwaysOn_01_Broad',
      status: 'ON',
      currency: 'KRW',
      dailyBudgetMicros: 120_000_000_000n,
    });
  });

  it('null (no daily limit) and a missing budget are null; a system stop overrides ON', () => {
    expect(parseKakaoAdGroupDetail({ ...detail, dailyBudgetAmount: null }, detailCtx).dailyBudgetMicros).toBeNull();
    const { dailyBudgetAmount: _omitted, campaign: _parent, ...bare } = detail;
    expect(parseKakaoAdGroupDetail(bare, detailCtx)).toMatchObject({ dailyBudgetMicros: null, campaignId: '1234' });
    expect(parseKakaoAdGroupDetail({ ...detail, systemConfig: 'ADMIN_STOP' }, detailCtx).status).toBe('ADMIN_STOP');
  });

  it.each([
    [{ ...detail, dailyBudgetAmount: 'N/A' }, 'dailyBudgetAmount'],
    [{ ...detail, dailyBudgetAmount: 1200.5 }, 'dailyBudgetAmount'],
    [{ ...detail, id: 'N/A' }, 'id'],
    [{ ...detail, campaign: { id: 9999 } }, 'campaign.id'],
    [{ ...detail, campaign: { id: 'x' } }, 'campaign.id'],
    ['not an object', '(body)'],
  ])('names the broken detail field: %j → %s', (body, field) => {
    expect(fieldOf(() => parseKakaoAdGroupDetail(body, detailCtx))).toBe(field);
  });
});

describe('Kakao ad group report parsing (/adGroups/report)', () => {
  // Reference §4.3's envelope with the ad group dimension; KRW amounts written as doubles like the live API.
  const reportText = `{"code":200,"message":"Success","data":[
    {"start":"2025-06-01","end":"2025-06-01","dimensions":{"ad_group_id":"51111"},
     "metrics":{"imp":30211,"click":601,"ctr":1.99,"cost":98340.0,
                "conv_purchase_1d":20,"conv_purchase_7d":25,"conv_purchase_p_1d":1300000.0,"conv_purchase_p_7d":1610500.0}},
    {"start":"2025-06-02","end":"2025-06-02","dimensions":{"ad_group_id":51112},
     "metrics":{"imp":0,"click":0,"ctr":0,"cost":120.0}}]}`;

  it('normalises ad group rows: level adset, the ad group as entity, its campaign as campaignId, micros', () => {
    const rows = parseKakaoAdGroupReport(JSON.parse(reportText), ctx);
    expect(rows[0]).toEqual({
      platform: 'kakao',
      accountId: '10000',
      advertiserId: 'hanbit',
      level: 'adset',
      entityId: '51111',
      entityName: 'KR_AlwaysOn_01_Broad',
      campaignId: '1234',
      date: '2025-06-01',
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      impressions: 30211,
      clicks: 601,
      spendMicros: 98_340_000_000n,
      conversions: 25,
      conversionValueMicros: 1_610_500_000_000n,
      mature: true,
    });
    // Spend without impressions happens for a small share of a day; omitted conversions are zero.
    expect(rows[1]).toMatchObject({
      entityId: '51112',
      campaignId: '1234',
      impressions: 0,
      spendMicros: 120_000_000n,
      conversions: 0,
      conversionValueMicros: 0n,
      mature: false,
    });
  });

  it('accepts an empty report', () => {
    expect(parseKakaoAdGroupReport({ code: 200, message: 'Success', data: [] }, ctx)).toEqual([]);
  });

  const row = JSON.parse(reportText).data[0];
  it.each([
    [{ data: [{ ...row, dimensions: { campaign_id: '1234' } }] }, 'data[0].dimensions.ad_group_id'],
    [{ data: [{ ...row, dimensions: { ad_group_id: '77777' } }] }, 'data[0].dimensions.ad_group_id'],
    [{ data: [{ ...row, metrics: { ...row.metrics, cost: 98340.5 } }] }, 'data[0].metrics.cost'],
    [{ data: [{ ...row, metrics: { ...row.metrics, click: -1 } }] }, 'data[0].metrics.click'],
    [{ data: [{ ...row, end: '2025-06-07' }] }, 'data[0].end'],
    [{ code: -813, data: [] }, 'code'],
    [{ code: 200 }, 'data'],
  ])('names the broken field: %j → %s', (body, field) => {
    expect(fieldOf(() => parseKakaoAdGroupReport(body, ctx))).toBe(field);
  });
});

describe('Kakao entity cursors', () => {
  it('round-trips every kind and stays small', () => {
    for (const cursor of [
      { kind: 'campaign', campaignId: '10000001' },
      { kind: 'adGroups', campaignId: '10000001' },
      { kind: 'adGroup', campaignId: '10000001', adGroupId: '1000000103' },
    ] as const) {
      expect(decodeEntityCursor(encodeEntityCursor(cursor))).toEqual(cursor);
    }
    expect(encodeEntityCursor({ kind: 'adGroup', campaignId: '1', adGroupId: '2' })).toBe('adGroup:1:2');
  });

  it('rejects a cursor it did not write', () => {
    expect(() => decodeEntityCursor('adGroup:1')).toThrow(/not a Kakao entity cursor/);
    expect(() => decodeEntityCursor('0.1')).toThrow(/not a Kakao entity cursor/);
  });
});
