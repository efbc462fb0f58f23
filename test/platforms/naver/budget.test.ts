import { describe, expect, it } from 'vitest';
import { MICROS_PER_UNIT } from '../../../src/domain/money';
import { naverAdgroups } from '../../../src/platforms/naver/sandbox/adgroup-data';
import { naverCampaigns } from '../../../src/platforms/naver/sandbox/data';
import { refusalOf, sandboxBudgetConnector } from '../../helpers/budget-connector';
import { sandboxWorld, useSandbox } from '../../helpers/sandbox';

const world = sandboxWorld();
const account = world.naver!.accounts.find((a) => a.id === '1234567')!;
const campaigns = naverCampaigns(world.seed, account);
const budgeted = campaigns.find((c) => c.dailyBudgetWon !== null)!;
const unlimited = campaigns.find((c) => c.dailyBudgetWon === null)!;
const adgroup = campaigns.flatMap((c) => naverAdgroups(world.seed, account, c)).find((g) => g.dailyBudgetWon !== null)!;

describe('Naver budget connector against the sandbox', () => {
  const sandbox = useSandbox(world);
  const connector = () => sandboxBudgetConnector(sandbox, 'naver', account.id);

  it('reads campaign and ad group daily budgets in micros; useDailyBudget=false reads as null', async () => {
    const c = connector();
    const read = await c.readBudget({ level: 'campaign', entityId: budgeted.id });
    expect(read.micros).toBe(budgeted.dailyBudgetWon! * MICROS_PER_UNIT);
    expect(read.holder).toBeUndefined();
    const group = await c.readBudget({ level: 'adset', entityId: adgroup.id, campaignId: adgroup.nccCampaignId });
    expect(group.micros).toBe(adgroup.dailyBudgetWon! * MICROS_PER_UNIT);
    expect((await c.readBudget({ level: 'campaign', entityId: unlimited.id })).micros).toBeNull();
  });

  it('PUTs the whole campaign with ?fields=budget and useDailyBudget true, then reads it back', async () => {
    const c = connector();
    const target = { level: 'campaign' as const, entityId: budgeted.id };
    const receipt = await c.writeBudget(target, 123_450n * MICROS_PER_UNIT);
    expect(receipt.exchange.request).toMatchObject({ method: 'PUT', params: { fields: 'budget' } });
    expect(receipt.reference).toEqual(expect.any(String)); // editTm
    expect(JSON.stringify(receipt.exchange)).not.toContain('sbx-naver');
    expect(sandbox.state.mutations).toMatchObject([{ entityId: budgeted.id, newValue: '123450' }]);
    expect((await c.readBudget(target)).micros).toBe(123_450n * MICROS_PER_UNIT);
  });

  it('turns on the daily budget of an unlimited campaign (useDailyBudget is always sent true)', async () => {
    const c = connector();
    const target = { level: 'campaign' as const, entityId: unlimited.id };
    await c.writeBudget(target, 80_000n * MICROS_PER_UNIT);
    expect((await c.readBudget(target)).micros).toBe(80_000n * MICROS_PER_UNIT);
  });

  it('refuses a fraction of a won or a negative value before any request', async () => {
    const c = connector();
    const target = { level: 'campaign' as const, entityId: budgeted.id };
    expect((await refusalOf(c.writeBudget(target, 100_000_500_000n))).reason).toMatch(
      /not a whole number of whole KRW/,
    );
    expect((await refusalOf(c.writeBudget(target, -MICROS_PER_UNIT))).reason).toMatch(/negative/);
    expect(sandbox.state.requestLog).toEqual([]);
  });

  it("maps Naver's 3505 (invalid campaign daily budget) to BudgetRefused", async () => {
    const refused = await refusalOf(
      connector().writeBudget({ level: 'campaign', entityId: budgeted.id }, 40n * MICROS_PER_UNIT),
    );
    expect(refused).toMatchObject({ code: '3505', reason: expect.stringMatching(/예산/) });
    expect(sandbox.state.mutations).toEqual([]);
  });

  it('PUTs an ad group budget with ?fields=budget and reads it back', async () => {
    const c = connector();
    const target = { level: 'adset' as const, entityId: adgroup.id, campaignId: adgroup.nccCampaignId };
    await c.writeBudget(target, 30_000n * MICROS_PER_UNIT);
    expect((await c.readBudget(target)).micros).toBe(30_000n * MICROS_PER_UNIT);
  });
});
