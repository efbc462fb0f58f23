import { describe, expect, it } from 'vitest';
import { MICROS_PER_UNIT } from '../../../src/domain/money';
import { tiktokCatalog } from '../../../src/platforms/tiktok/sandbox/data';
import { refusalOf, sandboxBudgetConnector } from '../../helpers/budget-connector';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';

const world = sandboxWorld();
const account = world.tiktok!.accounts.find((a) => a.id === '7000000000000000001')!;
const catalog = tiktokCatalog(world.seed, account);
const daily = catalog.campaigns.find((c) => c.budgetMode === 'BUDGET_MODE_DAY')!;
const infinite = catalog.campaigns.find((c) => c.budgetMode === 'BUDGET_MODE_INFINITE');
const adGroup = catalog.campaigns.flatMap((c) => catalog.adGroupsOf(c)).find((g) => g.budgetMinor !== null)!;
const won = (n: bigint) => n * MICROS_PER_UNIT;

describe('TikTok budget connector against the sandbox', () => {
  const sandbox = useSandbox(world);
  const connector = () => sandboxBudgetConnector(sandbox, 'tiktok', account.id);

  it('reads a BUDGET_MODE_DAY campaign budget in micros; INFINITE reads as null', async () => {
    const c = connector();
    const read = await c.readBudget({ level: 'campaign', entityId: daily.id });
    expect(read.micros).toBe(won(daily.budgetMinor!)); // KRW: minor = major
    expect(read.exchange.request.params.filtering).toBe(JSON.stringify({ campaign_ids: [daily.id] }));
    if (infinite) expect((await c.readBudget({ level: 'campaign', entityId: infinite.id })).micros).toBeNull();
  });

  it('reads an ad group daily budget through adgroup/get filtered by id', async () => {
    const target = { level: 'adset' as const, entityId: adGroup.id, campaignId: adGroup.campaignId };
    expect((await connector().readBudget(target)).micros).toBe(won(adGroup.budgetMinor!));
  });

  it('POSTs campaign/update/ with budget in major units and reads it back', async () => {
    const c = connector();
    const target = { level: 'campaign' as const, entityId: daily.id };
    const receipt = await c.writeBudget(target, won(150_000n));
    expect(receipt.exchange.request).toMatchObject({ method: 'POST', params: { budget: '150000' } });
    expect(JSON.stringify(receipt.exchange)).not.toContain('sbx-tiktok');
    expect(sandbox.state.mutations).toMatchObject([{ entityId: daily.id, newValue: '150000' }]);
    expect((await c.readBudget(target)).micros).toBe(won(150_000n));
  });

  it('refuses a fraction of a won or a negative value before any request', async () => {
    const c = connector();
    const target = { level: 'campaign' as const, entityId: daily.id };
    expect((await refusalOf(c.writeBudget(target, won(150_000n) + 500_000n))).reason).toMatch(/not a whole number/);
    expect((await refusalOf(c.writeBudget(target, -won(1n)))).reason).toMatch(/negative/);
    expect(sandbox.state.requestLog).toEqual([]);
  });

  it("maps TikTok's refusal (below the campaign minimum, code 40002 in an HTTP 200) to BudgetRefused", async () => {
    const refused = await refusalOf(connector().writeBudget({ level: 'campaign', entityId: daily.id }, won(1_000n)));
    expect(refused).toMatchObject({ code: '40002', reason: expect.stringMatching(/at least/) });
    expect(sandbox.state.mutations).toEqual([]);
  });

  it('POSTs adgroup/update/ with the budget and reads it back', async () => {
    const c = connector();
    const target = { level: 'adset' as const, entityId: adGroup.id, campaignId: adGroup.campaignId };
    await c.writeBudget(target, won(40_000n));
    expect((await c.readBudget(target)).micros).toBe(won(40_000n));
  });
});
