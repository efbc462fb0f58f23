import { describe, expect, it } from 'vitest';
import { googleAdsAdGroups } from '../../../src/platforms/google_ads/sandbox/ad-groups';
import { googleAdsCampaigns } from '../../../src/platforms/google_ads/sandbox/data';
import { refusalOf, sandboxBudgetConnector } from '../../helpers/budget-connector';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';

const world = sandboxWorld();
const krw = world.google_ads!.accounts.find((a) => a.id === '1234567890')!;
const usd = world.google_ads!.accounts.find((a) => a.id === '9876543210')!;
const campaigns = googleAdsCampaigns(world.seed, krw);
const own = campaigns.find((c) => !c.explicitlyShared)!;
const shared = campaigns.find((c) => c.explicitlyShared)!;
const adGroup = googleAdsAdGroups(world.seed, krw, own)[0]!;
const usdCampaign = googleAdsCampaigns(world.seed, usd).find((c) => !c.explicitlyShared)!;

describe('Google Ads budget connector against the sandbox', () => {
  const sandbox = useSandbox(world);
  const connector = (accountId = krw.id) => sandboxBudgetConnector(sandbox, 'google_ads', accountId);

  it("reads a campaign's budget resource: amount, holder and whether it is shared", async () => {
    const c = connector();
    const read = await c.readBudget({ level: 'campaign', entityId: own.id });
    expect(read.micros).toBe(own.budgetMicros);
    expect(read.holder).toEqual({ id: own.budgetResourceName, shared: false });
    const sharedRead = await c.readBudget({ level: 'campaign', entityId: shared.id });
    expect(sharedRead.holder).toEqual({ id: shared.budgetResourceName, shared: true });
    expect(sharedRead.micros).toBe(shared.budgetMicros);
  });

  it('reads an ad group as having no budget of its own, and refuses to write one before any request', async () => {
    const c = connector();
    const target = { level: 'adset' as const, entityId: adGroup.id, campaignId: own.id };
    expect((await c.readBudget(target)).micros).toBeNull();
    sandbox.state.reset();
    expect((await refusalOf(c.writeBudget(target, 10_000_000_000n))).reason).toMatch(/ad groups have no budget/);
    expect(sandbox.state.requestLog).toEqual([]);
  });

  it('updates amountMicros on the budget resource, returns its resource name, and reads it back', async () => {
    const c = connector(usd.id);
    const target = { level: 'campaign' as const, entityId: usdCampaign.id };
    const receipt = await c.writeBudget(target, 87_650_000n); // $87.65
    expect(receipt.reference).toBe(usdCampaign.budgetResourceName);
    expect(sandbox.state.mutations.at(-1)).toMatchObject({
      entityId: usdCampaign.budgetResourceName,
      newValue: '87650000',
    });
    expect((await c.readBudget(target)).micros).toBe(87_650_000n);
  });

  it('refuses a fraction of a billable unit or a negative amount before any request', async () => {
    const c = connector(usd.id);
    const target = { level: 'campaign' as const, entityId: usdCampaign.id };
    expect((await refusalOf(c.writeBudget(target, 87_655_000n))).reason).toMatch(/not a whole number of USD/);
    expect((await refusalOf(c.writeBudget(target, -10_000n))).reason).toMatch(/negative/);
    expect(sandbox.state.requestLog).toEqual([]);
  });

  it("maps Google's CampaignBudgetError to BudgetRefused with its code", async () => {
    const c = connector();
    // 0 passes the client-side check (a whole number of units) but is below the currency minimum.
    const refused = await refusalOf(c.writeBudget({ level: 'campaign', entityId: own.id }, 0n));
    expect(refused.code).toBe('campaignBudgetError.MONEY_AMOUNT_LESS_THAN_CURRENCY_MINIMUM_CPC');
    expect(refused.reason).toMatch(/less than the minimum/);
    expect(sandbox.state.mutations).toEqual([]);
  });
});
