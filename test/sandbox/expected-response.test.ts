import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates';
import { budgetHolders, holderDay } from '../../src/sandbox/delivery';
import { expectedCappedPower, expectedResponses } from '../../src/sandbox/expected-response';
import { SANDBOX_PLATFORMS } from '../../src/sandbox/registry';
import { NO_BUDGET_CHANGES, type BudgetMutation } from '../../src/sandbox/state';
import { platformTruth, type TruthRow } from '../../src/sandbox/truth';
import { sandboxWorld } from '../helpers/sandbox';

const world = sandboxWorld();
const NAVER = '7654321'; // Dalbit, KRW, Asia/Seoul, overspend factor 1: the cap binds on hot days
const META = 'act_500600700';

describe('the expected response to a budget', () => {
  it('takes E[min(c·n, cap)^b] over uniform noise in closed form', () => {
    const noise = { min: 0.85, width: 0.3 };
    // Never capped: (1.15^1.5 − 0.85^1.5) / (1.5 · 0.3) = (1.233238 − 0.783661) / 0.45 = 0.999059.
    expect(expectedCappedPower(1, 10, 0.5, noise)).toBeCloseTo(0.999059, 5);
    // b = 1, capped at 1: (∫ from 0.85 to 1 of n dn + 1 · 0.15) / 0.3 = (0.13875 + 0.15) / 0.3 = 0.9625.
    expect(expectedCappedPower(1, 1, 1, noise)).toBeCloseTo(0.9625, 12);
    // Always capped: cap^b.
    expect(expectedCappedPower(4, 1, 0.5, noise)).toBeCloseTo(1, 12);
  });

  it.each([
    ['naver', NAVER],
    ['meta', META],
    ['tiktok', '7000000000000000001'],
  ] as const)(
    '%s: matches what its holders really convert at their generated budgets, on average over a year',
    (platform, accountId) => {
      const model = SANDBOX_PLATFORMS[platform].delivery(world, accountId, NO_BUDGET_CHANGES);
      const holders = budgetHolders(model);
      const realised = new Map<string, number>();
      const expected = new Map<string, number>();
      const days = new Map<string, number>();
      for (let date = '2025-06-01'; date < '2026-06-01'; date = addDays(date, 1)) {
        const responses = expectedResponses(world, platform, accountId, date);
        for (const holder of holders) {
          const response = responses.find((r) => r.holderId === holder.id);
          if (!response?.live) continue;
          days.set(holder.id, (days.get(holder.id) ?? 0) + 1);
          realised.set(holder.id, (realised.get(holder.id) ?? 0) + (holderDay(model, holder, date)?.conversions ?? 0));
          const x = Number(holder.generatedBudgetMicros);
          expected.set(holder.id, (expected.get(holder.id) ?? 0) + response.conversionsCoef * x ** response.b);
        }
      }
      // Holders with a year of days and at least 4 conversions a day: rounding to whole conversions is small there.
      const ratios = [...expected]
        .filter(([id]) => (days.get(id) ?? 0) >= 250 && (realised.get(id) ?? 0) >= 4 * (days.get(id) ?? 0))
        .map(([id, e]) => (realised.get(id) as number) / e);
      expect(ratios.length).toBeGreaterThanOrEqual(4);
      // The realised total is within 4% of the expectation (a year of noise and rounding).
      for (const ratio of ratios) {
        expect(ratio).toBeGreaterThan(0.96);
        expect(ratio).toBeLessThan(1.04);
      }
    },
  );
});

describe('sandbox noise is a function of (seed, holder, day)', () => {
  const FROM = '2026-10-01';
  const TO = '2026-10-10';
  const SETTLED = new Date('2027-06-01T00:00:00Z');
  const model = SANDBOX_PLATFORMS.meta.delivery(world, META, NO_BUDGET_CHANGES);
  const [changed, other] = budgetHolders(model).filter(
    (h) =>
      h.level === 'campaign' &&
      platformTruth(world, 'meta', META, FROM, TO, SETTLED, []).some((r) => r.entityId === h.id),
  );
  const doubled = (changed!.generatedBudgetMicros * 2n).toString();
  const mutation: BudgetMutation = {
    at: '2026-10-05T01:00:00.000Z', // 10:00 KST: in force from 2026-10-05
    platform: 'meta',
    accountId: META,
    entityId: changed!.id,
    level: 'campaign',
    field: 'daily_budget',
    oldValue: null,
    newValue: doubled,
    budgetMicros: doubled,
    validateOnly: false,
  };
  const rowsOf = (rows: TruthRow[], id: string) => rows.filter((r) => r.level === 'campaign' && r.entityId === id);

  it('whatever order the days are asked in', () => {
    const forward = platformTruth(world, 'meta', META, FROM, TO, SETTLED, [mutation]);
    const backward: TruthRow[] = [];
    for (let date = TO; date >= FROM; date = addDays(date, -1)) {
      backward.unshift(...platformTruth(world, 'meta', META, date, date, SETTLED, [mutation]));
    }
    expect(backward).toEqual(forward);
  });

  it("whatever another holder's budget is, and the changed holder keeps its draws", () => {
    const control = platformTruth(world, 'meta', META, FROM, TO, SETTLED, []);
    const moved = platformTruth(world, 'meta', META, FROM, TO, SETTLED, [mutation]);
    expect(rowsOf(moved, other!.id)).toEqual(rowsOf(control, other!.id));
    const before = rowsOf(control, changed!.id);
    const after = rowsOf(moved, changed!.id);
    expect(after.filter((r) => r.date < '2026-10-05')).toEqual(before.filter((r) => r.date < '2026-10-05'));
    // Same draws, twice the budget: spend doubles (to the won) and conversions follow the curve, 2^b more.
    const { b } = expectedResponses(world, 'meta', META, '2026-10-05').find((r) => r.holderId === changed!.id)!;
    let compared = 0;
    for (const row of after.filter((r) => r.date >= '2026-10-05')) {
      const was = before.find((r) => r.date === row.date)!;
      expect(Math.abs(Number(row.spendMicros) - 2 * Number(was.spendMicros))).toBeLessThanOrEqual(1_000_000);
      expect(Math.abs(row.conversions - was.conversions * 2 ** b)).toBeLessThanOrEqual(1 + 2 ** b);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });
});
