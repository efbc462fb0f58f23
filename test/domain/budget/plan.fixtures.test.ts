import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/dates';
import { exposureOf } from '../../../src/domain/budget/overspend';
import { buildPlan } from '../../../src/domain/budget/plan';
import type { Objective, PlanEntity, PlanInput } from '../../../src/domain/budget/types';
import { KRW } from './synthetic';

/** History lying exactly on y = a·√x at spends 70%..130% of the budget: the fit recovers the curve. */
function exactEntity(id: string, a: number, budgetKrw: number, extra: Partial<PlanEntity> = {}): PlanEntity {
  const budget = BigInt(budgetKrw) * KRW;
  const history = Array.from({ length: 28 }, (_, d) => {
    const spend = Math.round(budgetKrw * (0.7 + (0.6 * (d % 7)) / 6)) * 1e6;
    return {
      date: addDays('2026-10-01', d),
      spendMicros: BigInt(spend),
      conversions: a * Math.sqrt(spend),
      revenueMicros: 0n,
    };
  });
  return { id, platform: 'meta', budgetMicros: budget, group: id, history, ...extra };
}

function input(objective: Objective, entities: PlanEntity[], extra: Partial<PlanInput> = {}): PlanInput {
  return { currency: 'KRW', objective, constraints: { maxChangePct: 5 }, minData: { days: 7 }, entities, ...extra };
}

const toKrw = (plan: ReturnType<typeof buildPlan>) =>
  Object.fromEntries(plan.proposals.map((p) => [p.id, Number(p.toMicros / KRW)]));

describe('plans on known curves (worked by hand)', () => {
  it('maxConversions splits as a² for √x curves', () => {
    // y1 = 0.002·√x, y2 = 0.001·√x: equal marginals when x1 = 4·x2; 100,000 + 50,000 KRW → 120,000 / 30,000.
    const plan = buildPlan(
      input({ kind: 'maxConversions' }, [exactEntity('a', 0.002, 100_000), exactEntity('b', 0.001, 50_000)]),
    );
    const to = toKrw(plan);
    expect(Math.abs(to.a! - 120_000)).toBeLessThanOrEqual(1);
    expect(to.a! + to.b!).toBe(150_000);
    expect(plan.totalToMicros).toBe(150_000n * KRW);
  });

  it('targetCpa spends each unit up to where its marginal CPA reaches the target', () => {
    // Marginal conversions per micro 0.5·a/√x = 1/cpa → x = (0.5·a·cpa)². cpa = 346.41 KRW = 346,410,162 micros:
    // a = 0.002 → x = (346,410.162)² ≈ 1.2e11 (120,000 KRW); a = 0.001 → (173,205.08)² ≈ 3.0e10 (30,000 KRW).
    // Their sum 150,000 KRW is under the cap of 300,000, so the cap does not bind and the rest stays unspent.
    const plan = buildPlan(
      input(
        { kind: 'targetCpa', cpaMicros: 346_410_162n },
        [exactEntity('a', 0.002, 100_000), exactEntity('b', 0.001, 50_000)],
        { totalBudgetMicros: 300_000n * KRW },
      ),
    );
    const to = toKrw(plan);
    expect(Math.abs(to.a! - 120_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(to.b! - 30_000)).toBeLessThanOrEqual(1);
  });

  it('targetCpa under a lower cap water-fills the cap', () => {
    // Cap 100,000 KRW: x1 = 4·x2 again → 80,000 / 20,000.
    const plan = buildPlan(
      input(
        { kind: 'targetCpa', cpaMicros: 346_410_162n },
        [exactEntity('a', 0.002, 100_000), exactEntity('b', 0.001, 50_000)],
        {
          totalBudgetMicros: 100_000n * KRW,
        },
      ),
    );
    const to = toKrw(plan);
    expect(Math.abs(to.a! - 80_000)).toBeLessThanOrEqual(1);
    expect(to.a! + to.b!).toBeLessThanOrEqual(100_000);
  });

  it('targetRoas spends each unit down to where its marginal ROAS falls to the target', () => {
    // Revenue micros r = c·√x: marginal ROAS 0.5·c/√x = 2 → x = (c/4)². c = 4·√1.2e11 → x = 1.2e11 (120,000 KRW);
    // c = 4·√3e10 → 3e10 (30,000 KRW). Under a cap of 300,000 the cap does not bind.
    const revenue = (id: string, c: number, budgetKrw: number): PlanEntity => {
      const e = exactEntity(id, 1, budgetKrw);
      const history = e.history.map((h) => ({
        ...h,
        conversions: 1,
        revenueMicros: BigInt(Math.round(c * Math.sqrt(Number(h.spendMicros)))),
      }));
      return { ...e, history };
    };
    const plan = buildPlan(
      input(
        { kind: 'targetRoas', roas: 2 },
        [revenue('a', 4 * Math.sqrt(1.2e11), 100_000), revenue('b', 4 * Math.sqrt(3e10), 50_000)],
        { totalBudgetMicros: 300_000n * KRW },
      ),
    );
    const to = toKrw(plan);
    expect(Math.abs(to.a! - 120_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(to.b! - 30_000)).toBeLessThanOrEqual(1);
    expect(plan.proposals[0]!.reason).toMatch(/^marginal ROAS [\d.]+ vs target 2\.0/);
  });

  it('exposure is the budget times the overspend factor, rounded up to a micro', () => {
    expect(exposureOf(3n, 1.25)).toBe(4n); // 3.75 → 4
    expect(exposureOf(1_000_000n, 2)).toBe(2_000_000n);
    expect(exposureOf(7n, 1)).toBe(7n);
  });

  it('a shared budget is one unit: histories summed, one proposal for both entities', () => {
    const shared = [
      exactEntity('s1', 0.001, 60_000, { holderId: 'budget-1' }),
      exactEntity('s2', 0.001, 60_000, { holderId: 'budget-1' }),
    ];
    const plan = buildPlan(input({ kind: 'maxConversions' }, [...shared, exactEntity('c', 0.001, 60_000)]));
    expect(plan.proposals.map((p) => [p.id, p.entityIds])).toEqual([
      ['budget-1', ['s1', 's2']],
      ['c', ['c']],
    ]);
    expect(plan.totalFromMicros).toBe(120_000n * KRW);
    expect(plan.totalToMicros).toBe(120_000n * KRW);
  });

  it('explains each move in words and numbers, and lists what it skipped and why', () => {
    const plan = buildPlan(
      input(
        { kind: 'maxConversions' },
        [
          exactEntity('a', 0.002, 100_000),
          exactEntity('b', 0.001, 50_000),
          exactEntity('cool', 0.001, 50_000, { cooldown: true }),
          { ...exactEntity('thin', 0.001, 50_000), history: exactEntity('thin', 0.001, 50_000).history.slice(0, 3) },
        ],
        { constraints: { maxChangePct: 0.2 } },
      ),
    );
    const a = plan.proposals.find((p) => p.id === 'a')!;
    // b's best is 30,000 KRW, out of reach at −20%: it stops at its (damped) lower bound and a takes the rest.
    expect(a.reason).toMatch(/^marginal [\d.]+ conv per 1,000 KRW vs portfolio [\d.]+; \+\d+\.\d% \(\+\d+ KRW\)$/);
    const b = plan.proposals.find((p) => p.id === 'b')!;
    expect(b.reason).toMatch(/; -\d+\.\d% \(-\d+ KRW\) capped by (maxChangePct|uncertainty)$/);
    expect(b.toMicros + a.toMicros).toBe(150_000n * KRW);
    expect(a.predicted.deltaLow).toBeLessThanOrEqual(a.predicted.delta);
    expect(a.predicted.deltaHigh).toBeGreaterThanOrEqual(a.predicted.delta);
    expect(a.exposureMicros).toBe((a.toMicros * 125n + 99n) / 100n);
    expect(plan.skipped.map((s) => [s.id, s.why.split(':')[0]])).toEqual([
      ['cool', 'cooldown'],
      ['thin', 'too few days'],
    ]);
  });
});
