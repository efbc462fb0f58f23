import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { generateAdSets, splitCampaignDay, splitInteger } from '../../src/sandbox/ad-sets';
import { budgetTimeline } from '../../src/sandbox/budget-timeline';
import { campaignDelivery, ownBudgetCampaign, type DeliveryModel } from '../../src/sandbox/delivery';
import { generateCampaigns, type CampaignDay, type SandboxAccount } from '../../src/sandbox/generator';
import { NO_BUDGET_CHANGES } from '../../src/sandbox/state';

const account: SandboxAccount = {
  id: 'act_1',
  name: 'A',
  currency: 'USD',
  timeZone: 'America/Los_Angeles',
  campaigns: 30,
  medianDailySpend: 80,
};

describe('ad set split of campaign days', () => {
  it('apportions integers exactly, by largest remainder', () => {
    expect(splitInteger(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitInteger(7, [0.5, 0.3, 0.2])).toEqual([4, 2, 1]);
    expect(splitInteger(0, [1, 2])).toEqual([0, 0]);
    expect(splitInteger(5, [0, 0])).toEqual([0, 0]);
    for (const total of [1, 2, 3, 17, 1000, 123_457])
      expect(splitInteger(total, [0.13, 2.7, 0.9]).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('sums ad set days exactly to the campaign day (CBO and ABO), in whole cents, never clicks above impressions', () => {
    const campaigns = generateCampaigns(7, 'meta', account);
    const now = new Date('2026-11-22T12:00:00Z');
    const model: DeliveryModel = {
      seed: 7,
      platform: 'meta',
      account,
      overspendFactor: 1.25,
      stackedCaps: false,
      timeline: budgetTimeline(NO_BUDGET_CHANGES, 'meta', account.id, account.timeZone),
      campaigns: campaigns.map((c) =>
        ownBudgetCampaign(
          { ...c, id: `c${c.index}` },
          generateAdSets(7, 'meta', account, c).map((a) => ({ ...a, id: `c${c.index}a${a.index}` })),
        ),
      ),
    };
    let checked = 0;
    for (const campaign of campaigns) {
      const adSets = generateAdSets(7, 'meta', account, campaign);
      expect(adSets.length).toBeGreaterThanOrEqual(1);
      expect(adSets.length).toBeLessThanOrEqual(3);
      // Ad set budgets exist exactly when the campaign has none (Meta ABO / ad-group budgets).
      for (const a of adSets) expect(a.dailyBudgetMicros === null).toBe(campaign.dailyBudgetMicros !== null);
      for (let date = '2026-10-01'; date < '2026-11-21'; date = addDays(date, 1)) {
        const served = campaignDelivery(model, model.campaigns[campaign.index]!, date, now, { windowDays: 28 });
        if (!served) continue;
        const day = served.day;
        const parts = served.adSets.filter((p) => p !== null);
        const count = (f: (p: CampaignDay) => number) => parts.reduce((acc, p) => acc + f(p), 0);
        const money = (f: (p: CampaignDay) => bigint) => parts.reduce((acc, p) => acc + f(p), 0n);
        expect(count((p) => p.impressions)).toBe(day.impressions);
        expect(count((p) => p.clicks)).toBe(day.clicks);
        expect(count((p) => p.conversions)).toBe(day.conversions);
        expect(money((p) => p.spendMicros)).toBe(day.spendMicros);
        expect(money((p) => p.conversionValueMicros)).toBe(day.conversionValueMicros);
        for (const p of parts) {
          expect(p.clicks).toBeLessThanOrEqual(p.impressions);
          if (p.conversions === 0) expect(p.conversionValueMicros).toBe(0n);
          expect(p.spendMicros % 10_000n).toBe(0n); // whole cents
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('is deterministic: the same seed gives the same ad sets and split', () => {
    const [campaign] = generateCampaigns(3, 'kakao', account);
    const a = generateAdSets(3, 'kakao', account, campaign!);
    expect(generateAdSets(3, 'kakao', account, campaign!)).toEqual(a);
    const day = {
      impressions: 1000,
      clicks: 30,
      conversions: 3,
      spendMicros: 12_340_000n,
      conversionValueMicros: 99_990_000n,
    };
    expect(splitCampaignDay(3, 'kakao', account, a, '2026-11-01', day)).toEqual(
      splitCampaignDay(3, 'kakao', account, a, '2026-11-01', day),
    );
  });
});
