import { describe, expect, it } from 'vitest';
import { parseKakaoReport } from '../../../src/platforms/kakao/parse-report';
import {
  kakaoAdGroups,
  kakaoCampaigns,
  kakaoDelivery,
  kakaoServedDay,
} from '../../../src/platforms/kakao/sandbox/data';
import { formatReportRow, kakaoJson } from '../../../src/platforms/kakao/sandbox/format';
import { kakaoSandbox } from '../../../src/platforms/kakao/sandbox';
import type { TruthRow } from '../../../src/sandbox/platform-module';
import type { SandboxWorld } from '../../../src/sandbox/world';
import { NO_BUDGET_CHANGES } from '../../../src/sandbox/state';

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
    const truth = kakaoSandbox
      .truth(world, '10000', '2026-03-09', '2026-03-10', now, NO_BUDGET_CHANGES)
      .filter((t) => t.level === 'campaign');
    const campaigns = kakaoCampaigns(3, account);
    const data = truth.map((t) => {
      const campaign = campaigns.find((c) => String(c.id) === t.entityId)!;
      const model = kakaoDelivery(3, account, NO_BUDGET_CHANGES);
      const day = kakaoServedDay(model, campaign, kakaoAdGroups(3, account, campaign), t.date, now)!.day;
      return formatReportRow('campaign', campaign.id, t.date, day, new Set(['BASIC', 'PIXEL_CONVERSION']));
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
    const before = kakaoSandbox.truth(
      world,
      '10000',
      '2026-03-08',
      '2026-03-10',
      new Date('2026-03-10T22:00:00Z'),
      NO_BUDGET_CHANGES,
    );
    const after = kakaoSandbox.truth(
      world,
      '10000',
      '2026-03-08',
      '2026-03-10',
      new Date('2026-03-10T23:00:00Z'),
      NO_BUDGET_CHANGES,
    );
    const key = (r: TruthRow) => `${r.level}|${r.entityId}|${r.date}`;
    const earlier = new Map(before.map((r) => [key(r), r]));
    const changed = after.filter((a) => a.conversions !== earlier.get(key(a))?.conversions);
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed.map((r) => r.date))).toEqual(new Set(['2026-03-10']));
    // Ad groups restate together with their campaign: both levels change on the provisional day.
    expect(new Set(changed.map((r) => r.level))).toEqual(new Set(['campaign', 'adset']));
  });

  it('never serves today', () => {
    const rows = kakaoSandbox.truth(
      world,
      '10000',
      '2026-03-10',
      '2026-03-11',
      new Date('2026-03-11T03:00:00Z'),
      NO_BUDGET_CHANGES,
    );
    expect(rows.every((r) => r.date === '2026-03-10')).toBe(true);
  });
});

describe('Kakao sandbox ad groups', () => {
  const campaigns = kakaoCampaigns(3, account);

  it('has 1–3 ad groups per campaign with stable Long ids distinct from campaign ids', () => {
    const all = campaigns.flatMap((c) => kakaoAdGroups(3, account, c));
    expect(all).toEqual(campaigns.flatMap((c) => kakaoAdGroups(3, account, c)));
    for (const c of campaigns) expect(kakaoAdGroups(3, account, c).length).toBeGreaterThanOrEqual(1);
    expect(kakaoAdGroups(3, account, campaigns[0]!)[0]).toMatchObject({ id: 1000000101, campaignId: 10000001 });
    const ids = new Set(all.map((a) => a.id));
    expect(ids.size).toBe(all.length);
    for (const c of campaigns) expect(ids.has(c.id)).toBe(false);
    for (const a of all) expect(Number.isSafeInteger(a.id)).toBe(true);
  });

  it('gives ad groups a whole-won budget exactly when their campaign has none', () => {
    for (const campaign of campaigns) {
      for (const adGroup of kakaoAdGroups(3, account, campaign)) {
        if (campaign.dailyBudgetAmount === null) expect(Number.isInteger(adGroup.dailyBudgetAmount)).toBe(true);
        else expect(adGroup.dailyBudgetAmount).toBeNull();
      }
    }
    expect(campaigns.some((c) => c.dailyBudgetAmount === null)).toBe(true);
  });

  it('truth has both levels and each day’s ad group rows sum exactly to their campaign row', () => {
    const truth = kakaoSandbox.truth(
      world,
      '10000',
      '2026-03-01',
      '2026-03-10',
      new Date('2026-03-11T03:00:00Z'),
      NO_BUDGET_CHANGES,
    );
    const campaignRows = truth.filter((t) => t.level === 'campaign');
    const adGroupRows = truth.filter((t) => t.level === 'adset');
    expect(campaignRows.length).toBeGreaterThan(40);
    expect(adGroupRows.length).toBeGreaterThan(campaignRows.length);
    for (const c of campaignRows) {
      const parts = adGroupRows.filter((a) => a.campaignId === c.entityId && a.date === c.date);
      expect(parts.length).toBeGreaterThan(0);
      const sum = (f: (r: (typeof parts)[number]) => number | bigint) =>
        parts.reduce<bigint>((acc, r) => acc + BigInt(f(r)), 0n);
      expect(sum((r) => r.spendMicros)).toBe(c.spendMicros);
      expect(sum((r) => r.impressions)).toBe(BigInt(c.impressions));
      expect(sum((r) => r.clicks)).toBe(BigInt(c.clicks));
      expect(sum((r) => r.conversions)).toBe(BigInt(c.conversions));
      expect(sum((r) => r.conversionValueMicros)).toBe(c.conversionValueMicros);
      for (const p of parts) expect(p.spendMicros % 1_000_000n).toBe(0n); // whole won
    }
    // No campaign row is ever missing its ad groups, and no ad group row lacks its campaign row.
    const campaignKeys = new Set(campaignRows.map((c) => `${c.entityId}|${c.date}`));
    for (const a of adGroupRows) expect(campaignKeys.has(`${a.campaignId}|${a.date}`)).toBe(true);
  });
});
