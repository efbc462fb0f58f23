import { describe, expect, it } from 'vitest';
import { BudgetRefused } from '../../../src/connectors/budget';
import { MICROS_PER_UNIT } from '../../../src/domain/money';
import { metaAdSets, metaCampaigns } from '../../../src/platforms/meta/sandbox/data';
import { configuredAccount, refusalOf, sandboxBudgetConnector } from '../../helpers/budget-connector';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';

const world = sandboxWorld();
const accountOf = (id: string) => world.meta!.accounts.find((a) => a.id === id)!;
const krw = accountOf('act_100200300');
const usd = accountOf('act_100200301');
const campaigns = metaCampaigns(world.seed, krw);
const cbo = campaigns.find((c) => c.dailyBudgetMinor !== null)!;
const abo = campaigns.find((c) => c.dailyBudgetMinor === null && metaAdSets(world.seed, krw, c).length > 0)!;
const aboAdSet = metaAdSets(world.seed, krw, abo).find((a) => a.dailyBudgetMinor !== null)!;
const cboAdSet = metaAdSets(world.seed, krw, cbo)[0]!;
const usdCampaign = metaCampaigns(world.seed, usd).find((c) => c.dailyBudgetMinor !== null)!;

describe('Meta budget connector against the sandbox', () => {
  const sandbox = useSandbox(world);
  const connector = (accountId = krw.id) => sandboxBudgetConnector(sandbox, 'meta', accountId);

  it('reads the campaign budget (CBO) and the ad set budget (ABO) in micros, null on the level without one', async () => {
    expect(configuredAccount('meta', krw.id).currency).toBe('KRW');
    const c = connector();
    const campaign = await c.readBudget({ level: 'campaign', entityId: cbo.id });
    expect(campaign.micros).toBe(cbo.dailyBudgetMinor! * MICROS_PER_UNIT); // KRW offset 1
    expect(campaign.exchange.request.params).toEqual({ fields: 'id,daily_budget' });
    const adSet = await c.readBudget({ level: 'adset', entityId: aboAdSet.id, campaignId: abo.id });
    expect(adSet.micros).toBe(aboAdSet.dailyBudgetMinor! * MICROS_PER_UNIT);
    expect((await c.readBudget({ level: 'campaign', entityId: abo.id })).micros).toBeNull();
    expect((await c.readBudget({ level: 'adset', entityId: cboAdSet.id, campaignId: cbo.id })).micros).toBeNull();
  });

  it('converts USD minor units (offset 100) both ways', async () => {
    const c = connector(usd.id);
    const read = await c.readBudget({ level: 'campaign', entityId: usdCampaign.id });
    expect(read.micros).toBe(usdCampaign.dailyBudgetMinor! * 10_000n);
    await c.writeBudget({ level: 'campaign', entityId: usdCampaign.id }, 123_450_000n); // $123.45
    expect(sandbox.state.mutations.at(-1)).toMatchObject({ entityId: usdCampaign.id, newValue: '12345' });
    expect((await c.readBudget({ level: 'campaign', entityId: usdCampaign.id })).micros).toBe(123_450_000n);
  });

  it('writes an absolute daily_budget in minor units and reads it back; the token stays out of the exchange', async () => {
    const c = connector();
    const receipt = await c.writeBudget({ level: 'campaign', entityId: cbo.id }, 456_000n * MICROS_PER_UNIT);
    expect(receipt.exchange.request).toMatchObject({ method: 'POST', params: { daily_budget: '456000' } });
    expect(JSON.stringify(receipt.exchange)).not.toContain('sbx-meta');
    expect(sandbox.state.mutations).toMatchObject([{ entityId: cbo.id, newValue: '456000', validateOnly: false }]);
    expect((await c.readBudget({ level: 'campaign', entityId: cbo.id })).micros).toBe(456_000n * MICROS_PER_UNIT);
  });

  it('refuses a fraction of a minor unit or a negative value before any request', async () => {
    const c = connector(usd.id);
    const target = { level: 'campaign' as const, entityId: usdCampaign.id };
    expect((await refusalOf(c.writeBudget(target, 100_005_000n))).reason).toMatch(/not a whole number of USD minor/);
    expect((await refusalOf(c.writeBudget(target, -10_000n))).reason).toMatch(/negative/);
    expect(sandbox.state.requestLog).toEqual([]);
  });

  it("maps Meta's refusals: below the minimum, the level without the budget, the 5th change in an hour", async () => {
    const c = connector();
    const low = await refusalOf(c.writeBudget({ level: 'campaign', entityId: cbo.id }, 10n * MICROS_PER_UNIT));
    expect(low).toMatchObject({ code: '100/1885272', reason: expect.stringMatching(/too low/) });
    const wrong = await refusalOf(c.writeBudget({ level: 'adset', entityId: cboAdSet.id }, 50_000n * MICROS_PER_UNIT));
    expect(wrong).toMatchObject({ code: '100/1885621', reason: expect.stringMatching(/campaign budget/) });
    for (let i = 1; i <= 4; i += 1) {
      await c.writeBudget({ level: 'campaign', entityId: cbo.id }, BigInt(100_000 + i * 1000) * MICROS_PER_UNIT);
    }
    const fifth = c.writeBudget({ level: 'campaign', entityId: cbo.id }, 200_000n * MICROS_PER_UNIT);
    await expect(fifth).rejects.toBeInstanceOf(BudgetRefused);
    expect(await refusalOf(fifth)).toMatchObject({
      code: '613/1487632',
      reason: expect.stringMatching(/4 times per hour/),
    });
    expect(sandbox.state.mutations).toHaveLength(4);
  });
});
