import { describe, expect, it } from 'vitest';
import { naverAdgroups } from '../../src/platforms/naver/sandbox/adgroup-data';
import { naverCampaigns } from '../../src/platforms/naver/sandbox/data';
import { naverAuthHeaders } from '../../src/platforms/naver/signature';
import { tiktokAdGroups, tiktokCampaigns } from '../../src/platforms/tiktok/sandbox/data';
import { metaCampaigns } from '../../src/platforms/meta/sandbox/data';
import type { TruthRow } from '../../src/sandbox/truth';
import { BUDGET_ACCOUNTS, setBudget } from '../helpers/budget-mutations';
import { sandboxWorld, useSandbox } from '../helpers/sandbox';

const world = sandboxWorld();
const NAVER = {
  apiKey: 'sbx-naver-license-01000000009f',
  secretKey: 'sbx-naver-secret-AQAAAADm2x',
  customerId: '1234567',
};

describe('budget endpoints of the sandbox', () => {
  const sandbox = useSandbox(world);
  const control = (path: string, init?: RequestInit) =>
    fetch(`${sandbox.url}/_sandbox/${path}`, init).then((r) => r.json() as Promise<Record<string, unknown>>);

  describe('Naver PUT /ncc/adgroups/{id}?fields=budget', () => {
    const account = world.naver!.accounts.find((a) => a.id === NAVER.customerId)!;
    const campaigns = naverCampaigns(world.seed, account);
    const withBudget = campaigns.find((c) => c.dailyBudgetWon !== null && c.status === 'ACTIVE')!;
    const underBudget = naverAdgroups(world.seed, account, withBudget)[0]!;
    const put = (id: string, body: Record<string, unknown>, query = '?fields=budget') => {
      const uri = `/ncc/adgroups/${id}`;
      return fetch(`${sandbox.url}/naver${uri}${query}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...naverAuthHeaders(NAVER, 'PUT', uri) },
        body: JSON.stringify({ nccAdgroupId: id, customerId: 1234567, ...body }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    };
    const get = (id: string) => {
      const uri = `/ncc/adgroups/${id}`;
      return fetch(`${sandbox.url}/naver${uri}`, { headers: naverAuthHeaders(NAVER, 'GET', uri) }).then(
        (r) => r.json() as Promise<Record<string, unknown>>,
      );
    };

    it('refuses a missing flag (3720), an invalid amount (3704) and more than the campaign budget (3724)', async () => {
      expect(await put(underBudget.id, { dailyBudget: 10_000 })).toMatchObject({ status: 400, body: { code: 3720 } });
      for (const dailyBudget of [10_005, 40, 1.5, '10000'])
        expect(await put(underBudget.id, { useDailyBudget: true, dailyBudget })).toMatchObject({
          status: 400,
          body: { code: 3704 },
        });
      const over = (Math.floor(Number(withBudget.dailyBudgetWon!) / 10) + 1) * 10; // ₩10 steps
      expect(await put(underBudget.id, { useDailyBudget: true, dailyBudget: over })).toMatchObject({
        status: 400,
        body: { code: 3724 },
      });
      expect((await put(underBudget.id, { useDailyBudget: true, dailyBudget: 10_000 }, '')).status).toBe(400);
      expect(sandbox.state.mutations).toEqual([]);
    });

    it('sets the budget, reads it back, logs it in micros, and caps the ad group under its campaign budget', async () => {
      await control('clock', { method: 'PUT', body: JSON.stringify({ now: '2026-03-10T03:00:00Z' }) });
      const done = await put(underBudget.id, { useDailyBudget: true, dailyBudget: 1_000 });
      expect(done).toMatchObject({ status: 200, body: { nccAdgroupId: underBudget.id, dailyBudget: 1_000 } });
      expect(await get(underBudget.id)).toMatchObject({ useDailyBudget: true, dailyBudget: 1_000 });
      expect(sandbox.state.mutations).toEqual([
        expect.objectContaining({ entityId: underBudget.id, level: 'adset', budgetMicros: '1000000000' }),
      ]);
      await control('clock', { method: 'PUT', body: JSON.stringify({ now: '2026-03-16T03:00:00Z' }) });
      const rows = (await control(`truth/naver/${NAVER.customerId}?from=2026-03-10&to=2026-03-15`)).rows as TruthRow[];
      const capped = rows.filter((r) => r.entityId === underBudget.id);
      expect(capped.length).toBeGreaterThan(0);
      for (const row of capped) expect(BigInt(row.spendMicros)).toBeLessThanOrEqual(1_000_000_000n);
      const budgets = (await control(`budgets/naver/${NAVER.customerId}`)).budgets;
      expect(budgets).toContainEqual({
        entityId: underBudget.id,
        level: 'adset',
        holder: false,
        budgetMicros: '1000000000',
      });
    });
  });

  describe('TikTok adgroup/update and single-object reads', () => {
    const account = world.tiktok!.accounts.find((a) => a.id === BUDGET_ACCOUNTS.tiktok)!;
    const campaigns = tiktokCampaigns(world.seed, account);
    const abo = campaigns.find((c) => c.budgetMode !== 'BUDGET_MODE_DAY')!;
    const cbo = campaigns.find((c) => c.budgetMode === 'BUDGET_MODE_DAY')!;
    const ownBudget = tiktokAdGroups(world.seed, account, abo)[0]!;
    const campaignPaid = tiktokAdGroups(world.seed, account, cbo)[0]!;
    const call = async (path: string, init: { method?: string; body?: unknown; query?: Record<string, string> }) => {
      const query = new URLSearchParams({ advertiser_id: account.id, ...init.query }).toString();
      const res = await fetch(`${sandbox.url}/tiktok/open_api/v1.3/${path}/?${query}`, {
        method: init.method ?? 'GET',
        headers: { 'access-token': 'sbx-tiktok-access-4be93a', 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify({ advertiser_id: account.id, ...init.body }),
      });
      return (await res.json()) as { code: number; message: string; data: Record<string, unknown> };
    };

    it('refuses a budget under ₩28,000, on a campaign-budget ad group, and of an unknown ad group', async () => {
      const update = (body: Record<string, unknown>) => call('adgroup/update', { method: 'POST', body });
      expect(await update({ adgroup_id: ownBudget.id, budget: 27_990 })).toMatchObject({ code: 40002 });
      expect((await update({ adgroup_id: ownBudget.id, budget: 27_990 })).message).toMatch(/at least 28000 KRW/);
      expect(await update({ adgroup_id: campaignPaid.id, budget: 50_000 })).toMatchObject({ code: 40002 });
      expect(await update({ adgroup_id: '1799999999999999', budget: 50_000 })).toMatchObject({ code: 40002 });
      expect(
        await update({ adgroup_id: ownBudget.id, budget: 50_000, budget_mode: 'BUDGET_MODE_TOTAL' }),
      ).toMatchObject({
        code: 40002,
      });
      expect(sandbox.state.mutations).toEqual([]);
    });

    it('sets an ad group budget in major units and adgroup/get and campaign/get read single objects', async () => {
      const done = await setBudget(sandbox.url, 'tiktok', { holderId: ownBudget.id, level: 'adset' }, 60_000_000_000n);
      expect(done.body).toMatchObject({ code: 0, data: { adgroup_id: ownBudget.id, budget: 60_000 } });
      const read = await call('adgroup/get', { query: { filtering: JSON.stringify({ adgroup_ids: [ownBudget.id] }) } });
      expect(read.data.list).toEqual([expect.objectContaining({ adgroup_id: ownBudget.id, budget: 60_000 })]);
      expect(sandbox.state.mutations.at(-1)).toMatchObject({
        level: 'adset',
        oldValue: ownBudget.budgetMinor!.toString(),
        newValue: '60000',
        budgetMicros: '60000000000',
      });
      const one = await call('campaign/get', { query: { filtering: JSON.stringify({ campaign_ids: [cbo.id] }) } });
      expect(one.data.list).toEqual([expect.objectContaining({ campaign_id: cbo.id })]);
      expect(await call('campaign/get', { query: { filtering: '{"status":"x"}' } })).toMatchObject({ code: 40002 });
    });
  });

  describe('Meta budget rules', () => {
    const account = world.meta.accounts.find((a) => a.id === BUDGET_ACCOUNTS.meta)!;
    const cbo = metaCampaigns(world.seed, account).find((c) => c.dailyBudgetMinor !== null)!;

    it('answers 613 on the fifth change within an hour; validate-only changes neither budget nor spend', async () => {
      const post = (params: Record<string, string>) =>
        fetch(`${sandbox.url}/meta/v23.0/${cbo.id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ access_token: 'sbx-meta-agency-7f3a9c', ...params }).toString(),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
      const checked = await post({ daily_budget: '990000', execution_options: '["validate_only"]' });
      expect(checked).toMatchObject({ status: 200, body: { success: true } });
      expect(sandbox.state.mutations.at(-1)).toMatchObject({ validateOnly: true, level: 'campaign' });
      const budgets = (await control(`budgets/meta/${account.id}`)).budgets as Array<Record<string, unknown>>;
      expect(budgets.find((b) => b.entityId === cbo.id)?.budgetMicros).toBe(
        (cbo.dailyBudgetMinor! * 1_000_000n).toString(),
      );
      for (const won of ['100000', '110000', '120000', '130000'])
        expect((await post({ daily_budget: won })).status).toBe(200);
      const fifth = await post({ daily_budget: '140000' });
      expect(fifth).toMatchObject({ status: 400, body: { error: { code: 613, error_subcode: 1487632 } } });
      const read = await fetch(
        `${sandbox.url}/meta/v23.0/${cbo.id}?fields=daily_budget&access_token=sbx-meta-agency-7f3a9c`,
      ).then((r) => r.json());
      expect(read).toEqual({ id: cbo.id, daily_budget: '130000' });
    });
  });
});
