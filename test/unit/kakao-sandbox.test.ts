import { describe, expect, it } from 'vitest';
import { parseKakaoReport } from '../../src/platforms/kakao/parse';
import { campaignDay, reportedDay } from '../../src/sandbox/generator';
import { KAKAO_RESTATEMENT, kakaoCampaigns } from '../../src/sandbox/kakao/data';
import { formatReportRow, kakaoJson } from '../../src/sandbox/kakao/format';
import { kakaoSandbox } from '../../src/sandbox/kakao';
import type { SandboxWorld } from '../../src/sandbox/world';

const account = {
  id: '10000',
  name: 'T',
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  campaigns: 8,
  medianDailySpend: 70000,
};
const world: SandboxWorld = {
  seed: 3,
  meta: { grants: [], accounts: [] },
  kakao: { grants: [], accounts: [account] },
};

describe('Kakao sandbox data', () => {
  it('has integer campaign ids and whole-won budgets, deterministic per seed', () => {
    const campaigns = kakaoCampaigns(3, account);
    expect(campaigns).toEqual(kakaoCampaigns(3, account));
    expect(campaigns.map((c) => c.id)).toEqual([
      10000001, 10000002, 10000003, 10000004, 10000005, 10000006, 10000007, 10000008,
    ]);
    for (const c of campaigns)
      if (c.dailyBudgetAmount !== null) expect(Number.isInteger(c.dailyBudgetAmount)).toBe(true);
  });

  it('writes KRW amounts as doubles on the wire (152340.0)', () => {
    expect(kakaoJson({ metrics: { cost: 152340, imp: 10, conv_purchase_p_7d: 0 } })).toBe(
      '{"metrics":{"cost":152340.0,"imp":10,"conv_purchase_p_7d":0.0}}',
    );
  });

  it('serves what the truth says: a formatted, parsed row equals the ground truth', () => {
    const now = new Date('2026-03-11T03:00:00Z'); // 12:00 KST: 2026-03-10 is settled
    const truth = kakaoSandbox.truth(world, '10000', '2026-03-09', '2026-03-10', now);
    const campaigns = kakaoCampaigns(3, account);
    const data = truth.map((t) => {
      const campaign = campaigns.find((c) => String(c.id) === t.entityId)!;
      const day = reportedDay(
        campaignDay(3, 'kakao', account, campaign, t.date)!,
        t.date,
        now,
        account,
        KAKAO_RESTATEMENT,
      );
      return formatReportRow(campaign, t.date, day, new Set(['BASIC', 'PIXEL_CONVERSION']));
    });
    const rows = parseKakaoReport(JSON.parse(kakaoJson({ code: 200, message: 'Success', data })), {
      advertiserId: 'a',
      accountId: '10000',
      isMature: () => true,
      campaignNames: new Map(campaigns.map((c) => [String(c.id), c.name])),
    });
    expect(rows.length).toBe(truth.length);
    rows.forEach((row, i) => {
      const t = truth[i]!;
      expect([row.entityId, row.entityName, row.date, row.impressions, row.clicks]).toEqual([
        t.entityId,
        t.entityName,
        t.date,
        t.impressions,
        t.clicks,
      ]);
      expect([row.spendMicros, row.conversions, row.conversionValueMicros]).toEqual([
        t.spendMicros,
        t.conversions,
        t.conversionValueMicros,
      ]);
    });
  });

  it('restates only the latest day, and only until 08:00 KST the next day', () => {
    const before = kakaoSandbox.truth(world, '10000', '2026-03-08', '2026-03-10', new Date('2026-03-10T22:00:00Z'));
    const after = kakaoSandbox.truth(world, '10000', '2026-03-08', '2026-03-10', new Date('2026-03-10T23:00:00Z'));
    const changed = after.filter((a, i) => a.conversions !== before[i]!.conversions);
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed.map((r) => r.date))).toEqual(new Set(['2026-03-10']));
  });

  it('never serves today', () => {
    const rows = kakaoSandbox.truth(world, '10000', '2026-03-10', '2026-03-11', new Date('2026-03-11T03:00:00Z'));
    expect(rows.every((r) => r.date === '2026-03-10')).toBe(true);
  });
});
