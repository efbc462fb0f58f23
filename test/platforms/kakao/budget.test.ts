import { describe, expect, it } from 'vitest';
import { MICROS_PER_UNIT } from '../../../src/domain/money';
import { kakaoCatalog } from '../../../src/platforms/kakao/sandbox/data';
import { refusalOf, sandboxBudgetConnector } from '../../helpers/budget-connector';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';

const world = sandboxWorld();
const account = world.kakao!.accounts.find((a) => a.id === '10000')!;
const catalog = kakaoCatalog(world.seed, account);
const budgeted = catalog.campaigns.find((c) => c.dailyBudgetAmount !== null)!;
const unlimited = catalog.campaigns.find((c) => c.dailyBudgetAmount === null && catalog.adGroupsOf(c).length > 0)!;
const adGroup = catalog.adGroupsOf(unlimited).find((g) => g.dailyBudgetAmount !== null)!;
const won = (n: bigint) => n * MICROS_PER_UNIT;

describe('Kakao budget connector against the sandbox', () => {
  const sandbox = useSandbox(world);
  const connector = () => sandboxBudgetConnector(sandbox, 'kakao', account.id);

  it('reads dailyBudgetAmount of campaigns and ad groups; null is "no daily budget of its own"', async () => {
    const c = connector();
    const read = await c.readBudget({ level: 'campaign', entityId: String(budgeted.id) });
    expect(read.micros).toBe(won(BigInt(budgeted.dailyBudgetAmount!)));
    expect((await c.readBudget({ level: 'campaign', entityId: String(unlimited.id) })).micros).toBeNull();
    const group = { level: 'adset' as const, entityId: String(adGroup.id), campaignId: String(unlimited.id) };
    expect((await c.readBudget(group)).micros).toBe(won(BigInt(adGroup.dailyBudgetAmount!)));
  });

  it('PUTs /campaigns/dailyBudgetAmount and /adGroups/dailyBudgetAmount in whole KRW and reads both back', async () => {
    const c = connector();
    const campaign = { level: 'campaign' as const, entityId: String(budgeted.id) };
    const receipt = await c.writeBudget(campaign, won(120_000n));
    expect(receipt.exchange.request).toMatchObject({ method: 'PUT', params: { dailyBudgetAmount: '120000' } });
    expect(receipt.exchange.request.url).toMatch(/\/campaigns\/dailyBudgetAmount$/);
    expect(JSON.stringify(receipt.exchange)).not.toContain('sbx-kakao');
    expect((await c.readBudget(campaign)).micros).toBe(won(120_000n));
    const group = { level: 'adset' as const, entityId: String(adGroup.id), campaignId: String(unlimited.id) };
    await c.writeBudget(group, won(33_000n));
    expect((await c.readBudget(group)).micros).toBe(won(33_000n));
    expect(sandbox.state.mutations.map((m) => m.newValue)).toEqual(['120000', '33000']);
  });

  it('refuses a fraction of a won or a negative value before any request', async () => {
    const c = connector();
    const target = { level: 'campaign' as const, entityId: String(budgeted.id) };
    expect((await refusalOf(c.writeBudget(target, won(60_000n) + 1n))).reason).toMatch(/not a whole number/);
    expect((await refusalOf(c.writeBudget(target, -won(1n)))).reason).toMatch(/negative/);
    expect(sandbox.state.requestLog).toEqual([]);
  });

  it("maps Kakao's -813 / 31011 (outside the budget rules) to BudgetRefused with Kakao's words", async () => {
    const c = connector();
    const low = await refusalOf(c.writeBudget({ level: 'campaign', entityId: String(budgeted.id) }, won(40_000n)));
    expect(low).toMatchObject({ code: '-813/31011', reason: expect.stringMatching(/50,000원 이상/) });
    const step = await refusalOf(c.writeBudget({ level: 'campaign', entityId: String(budgeted.id) }, won(60_005n)));
    expect(step.code).toBe('-813/31011');
    expect(sandbox.state.mutations).toEqual([]);
  });
});
