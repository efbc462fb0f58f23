import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { PLATFORMS, type Platform } from '../../src/domain/platforms';
import { hiddenCurves, type HiddenCurve } from '../../src/sandbox/response-curves';
import { NO_BUDGET_CHANGES, type BudgetMutation } from '../../src/sandbox/state';
import type { SandboxWorld } from '../../src/sandbox/world';
import { platformTruth, type TruthRow } from '../../src/sandbox/truth';
import { BUDGET_ACCOUNTS, setBudget } from '../helpers/budget-mutations';
import { sandboxWorld, useSandbox } from '../helpers/sandbox';

const world = sandboxWorld();
const CHANGE_DAY = '2026-03-10';
const CHANGE_AT = '2026-03-10T03:00:00Z'; // 12:00 KST: every account below is KRW / Asia/Seoul
const LATER = '2026-03-16T03:00:00Z'; // six days on: 03-10 … 03-15 are closed
const OVERSPEND: Record<Platform, number> = { meta: 1.25, google_ads: 2, naver: 1, kakao: 1, tiktok: 1.25 };

/** JSON as the control plane sends it: bigints become strings. */
const wire = <T>(value: T): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

/** A holder's spend per day: the sum of the rows of what it pays for (campaign rows, or its ad set's rows). */
function holderSpend(rows: TruthRow[], curve: HiddenCurve): Map<string, bigint> {
  const level = curve.level === 'adset' ? 'adset' : 'campaign';
  const spend = new Map<string, bigint>();
  for (const row of rows) {
    if (row.level !== level || !curve.entityIds.includes(row.entityId)) continue;
    spend.set(row.date, (spend.get(row.date) ?? 0n) + BigInt(row.spendMicros));
  }
  return spend;
}

describe('sandbox spend answers budgets', () => {
  const sandbox = useSandbox(world);
  const control = (path: string, init?: RequestInit) =>
    fetch(`${sandbox.url}/_sandbox/${path}`, init).then((r) => r.json() as Promise<Record<string, unknown>>);
  const setClock = (now: string) => control('clock', { method: 'PUT', body: JSON.stringify({ now }) });

  it.each(PLATFORMS)(
    '%s: a budget doubled today doubles spend from today on, leaves closed days alone, caps and sums hold',
    async (platform) => {
      const accountId = BUDGET_ACCOUNTS[platform];
      const before = platformTruth(world, platform, accountId, '2026-03-01', '2026-03-15', new Date(LATER), []);
      // A holder paying for one campaign (or a Google budget of one campaign) that delivers around the change.
      const curves = (await control(`curves/${platform}/${accountId}`)).curves as HiddenCurve[];
      const holder = curves.find(
        (c) =>
          c.level !== 'adset' &&
          c.entityIds.length === 1 &&
          holderSpend(before, c).size >= 12 &&
          holderSpend(before, c).has(CHANGE_DAY),
      );
      expect(holder, 'a delivering campaign-level holder').toBeDefined();
      const generated = BigInt(holder!.generatedBudgetMicros);
      // Twice the generated budget, in whole ₩10 (Naver and Kakao take budgets in ₩10 steps).
      const doubled = ((generated * 2n) / 10_000_000n) * 10_000_000n;
      const ratio = Number(doubled) / Number(generated);

      await setClock(CHANGE_AT);
      const answer = await setBudget(sandbox.url, platform, holder!, doubled);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      if (platform === 'tiktok') expect(answer.body).toMatchObject({ code: 0 });

      // The mutation log says what changed, at which level, in micros; the budgets endpoint shows the new value.
      expect(sandbox.state.mutations.at(-1)).toMatchObject({
        platform,
        accountId,
        entityId: holder!.holderId,
        level: holder!.level,
        budgetMicros: doubled.toString(),
        validateOnly: false,
      });
      const budgets = (await control(`budgets/${platform}/${accountId}`)).budgets as Array<Record<string, unknown>>;
      expect(budgets.find((b) => b.entityId === holder!.holderId)).toEqual({
        entityId: holder!.holderId,
        level: holder!.level,
        holder: true,
        budgetMicros: doubled.toString(),
      });

      await setClock(LATER);
      const after = (await control(`truth/${platform}/${accountId}?from=2026-03-01&to=2026-03-15`)).rows as TruthRow[];
      const unchanged = platformTruth(world, platform, accountId, '2026-03-01', '2026-03-15', new Date(LATER), []);
      // Closed days before the change are exactly what they were.
      expect(after.filter((r) => r.date < CHANGE_DAY)).toEqual(wire(unchanged.filter((r) => r.date < CHANGE_DAY)));
      // From the day of the change on, the holder spends twice as much (to the won: spend = floor(budget × share)).
      const expectedSpend = (was: bigint) => Number(was) * ratio;
      const spendAfter = holderSpend(after, holder!);
      const spendBefore = holderSpend(unchanged, holder!);
      let compared = 0;
      for (let date = CHANGE_DAY; date <= '2026-03-15'; date = addDays(date, 1)) {
        const was = spendBefore.get(date);
        const now = spendAfter.get(date);
        expect(now === undefined).toBe(was === undefined);
        if (was === undefined || now === undefined) continue;
        expect(Math.abs(Number(now) - expectedSpend(was))).toBeLessThanOrEqual(3_000_000);
        compared += 1;
      }
      expect(compared).toBeGreaterThanOrEqual(4);
      // Never above the budget in force times the platform's overspend allowance.
      for (const [date, spend] of spendAfter) {
        const budget = date < CHANGE_DAY ? generated : doubled;
        expect(Number(spend)).toBeLessThanOrEqual(Number(budget) * OVERSPEND[platform]);
      }
      if (platform === 'meta') {
        // The insights edge serves the same changed days as the truth (both read the mutation log).
        const query = new URLSearchParams({
          access_token: 'sbx-meta-agency-7f3a9c',
          level: 'campaign',
          time_increment: '1',
          time_range: JSON.stringify({ since: CHANGE_DAY, until: '2026-03-15' }),
          fields: 'campaign_id,spend,date_start',
          limit: '5000',
        });
        const insights = (await fetch(`${sandbox.url}/meta/v23.0/${accountId}/insights?${query}`).then((r) =>
          r.json(),
        )) as { data: Array<{ campaign_id: string; spend: string; date_start: string }> };
        const served = insights.data.filter((r) => r.campaign_id === holder!.holderId);
        expect(served.map((r) => [r.date_start, BigInt(r.spend) * 1_000_000n])).toEqual(
          [...spendAfter].filter(([date]) => date >= CHANGE_DAY),
        );
      }
      // Campaign rows are the exact sum of their ad set rows, every day.
      for (const campaign of after.filter((r) => r.level === 'campaign')) {
        const parts = after.filter((r) => r.campaignId === campaign.entityId && r.date === campaign.date);
        const sum = (pick: (r: TruthRow) => bigint) => parts.reduce((acc, r) => acc + pick(r), 0n);
        expect(sum((r) => BigInt(r.spendMicros))).toBe(BigInt(campaign.spendMicros));
        expect(sum((r) => BigInt(r.impressions))).toBe(BigInt(campaign.impressions));
        expect(sum((r) => BigInt(r.clicks))).toBe(BigInt(campaign.clicks));
        expect(sum((r) => BigInt(r.conversionValueMicros))).toBe(BigInt(campaign.conversionValueMicros));
      }
    },
  );

  it('serves hidden curves per holder: concave exponents, calibrated scale, the platform overspend factor', async () => {
    for (const platform of PLATFORMS) {
      const accountId = BUDGET_ACCOUNTS[platform];
      const body = await control(`curves/${platform}/${accountId}`);
      expect(body.curves).toEqual(wire(hiddenCurves(world, platform, accountId)));
      const curves = body.curves as Array<Record<string, unknown>>;
      expect(curves.length).toBeGreaterThan(0);
      for (const curve of curves) {
        expect(curve.b as number).toBeGreaterThanOrEqual(0.35);
        expect(curve.b as number).toBeLessThanOrEqual(0.85);
        expect(curve.a as number).toBeGreaterThan(0);
        expect(curve).toMatchObject({ currency: 'KRW', overspendFactor: OVERSPEND[platform] });
        expect(BigInt(curve.aovMicros as string)).toBeGreaterThan(0n);
      }
    }
    // Google: every holder is a budget resource (shared ones are covered below).
    const google = world.google_ads!.accounts.flatMap((a) => hiddenCurves(world, 'google_ads', a.id));
    expect(google.every((c) => c.level === 'budget')).toBe(true);
    // Meta: CBO campaigns and ABO ad sets are both holders.
    const meta = hiddenCurves(world, 'meta', BUDGET_ACCOUNTS.meta);
    expect(new Set(meta.map((c) => c.level))).toEqual(new Set(['campaign', 'adset']));
    expect((await fetch(`${sandbox.url}/_sandbox/curves/meta/act_404`)).status).toBe(404);
  });
});

describe('sandbox spend without budget changes', () => {
  it.each(PLATFORMS)('%s: never exceeds the generated budget times the overspend factor', (platform) => {
    const accountId = BUDGET_ACCOUNTS[platform];
    const rows = platformTruth(
      world,
      platform,
      accountId,
      '2026-01-01',
      '2026-03-31',
      new Date('2026-04-02'),
      NO_BUDGET_CHANGES,
    );
    let over = 0;
    for (const curve of hiddenCurves(world, platform, accountId)) {
      for (const spend of holderSpend(rows, curve).values()) {
        expect(Number(spend)).toBeLessThanOrEqual(Number(curve.generatedBudgetMicros) * curve.overspendFactor);
        if (spend > curve.generatedBudgetMicros) over += 1;
      }
    }
    // Google, Meta and TikTok do run over the budget on some days; Naver and Kakao stop at it.
    if (OVERSPEND[platform] > 1) expect(over).toBeGreaterThan(0);
    else expect(over).toBe(0);
  });

  it('converts along a concave curve: more spend, fewer conversions per unit of spend', () => {
    const accountId = BUDGET_ACCOUNTS.meta;
    const [curve] = hiddenCurves(world, 'meta', accountId);
    const expected = (spend: number) => curve!.a * spend ** curve!.b;
    expect(expected(2000) / 2000).toBeLessThan(expected(1000) / 1000);
  });
});

describe('a Google budget shared by several campaigns', () => {
  const customer = { ...world.google_ads!.accounts[0]!, id: '5550001111', campaigns: 40 };
  const big: SandboxWorld = { ...world, google_ads: { ...world.google_ads!, accounts: [customer] } };

  it('is one holder whose campaigns together follow its budget in force', () => {
    const shared = hiddenCurves(big, 'google_ads', customer.id).find((c) => c.entityIds.length > 1)!;
    expect(shared).toBeDefined();
    const doubled = shared.generatedBudgetMicros * 2n;
    const history: BudgetMutation[] = [
      {
        at: CHANGE_AT,
        platform: 'google_ads',
        accountId: customer.id,
        entityId: shared.holderId,
        level: 'budget',
        field: 'amount_micros',
        oldValue: shared.generatedBudgetMicros.toString(),
        newValue: doubled.toString(),
        budgetMicros: doubled.toString(),
        validateOnly: false,
      },
    ];
    const asOf = new Date(LATER);
    const before = holderSpend(
      platformTruth(big, 'google_ads', customer.id, '2026-03-01', '2026-03-15', asOf, []),
      shared,
    );
    const after = holderSpend(
      platformTruth(big, 'google_ads', customer.id, '2026-03-01', '2026-03-15', asOf, history),
      shared,
    );
    let compared = 0;
    for (const [date, was] of before) {
      const now = after.get(date)!;
      if (date < CHANGE_DAY) expect(now).toBe(was);
      else {
        // The campaigns' split moves whole units around, so the sum doubles to within a few won.
        expect(Math.abs(Number(now) - 2 * Number(was))).toBeLessThanOrEqual(3_000_000);
        expect(Number(now)).toBeLessThanOrEqual(Number(doubled) * 2);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });
});
