import fc from 'fast-check';
import { addDays } from '../../../src/domain/dates';
import type { PlanEntity, PlanInput } from '../../../src/domain/budget/types';
import { KRW, poisson, rng } from './synthetic';

/** Random portfolios: budgets in 1 or 10 KRW units (sometimes off-unit), limits, cooldowns, shared budgets. */
export const portfolio = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  count: fc.integer({ min: 1, max: 9 }),
  maxChangePct: fc.double({ min: 0.01, max: 2, noNaN: true }),
  revenue: fc.boolean(),
  planMin: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }),
  exposureShare: fc.option(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { nil: undefined }),
});
export type PortfolioParams = typeof portfolio extends fc.Arbitrary<infer T> ? T : never;

export function inputOf(p: PortfolioParams): PlanInput {
  const random = rng(p.seed);
  const entities: PlanEntity[] = [];
  for (let i = 0; i < p.count; i++) {
    const unit = random() < 0.3 ? 10n * KRW : KRW;
    const budgetKrw = 10_000 + Math.floor(random() * 99_000) * 10 + (random() < 0.1 ? 3 : 0);
    const b = 0.2 + random() * 0.7;
    const a = (5 + random() * 60) / (budgetKrw * 1e6) ** b;
    const shared = i > 0 && random() < 0.15 ? entities[i - 1] : undefined;
    const budget = shared?.budgetMicros ?? BigInt(budgetKrw) * KRW;
    const history = Array.from({ length: 10 + Math.floor(random() * 50) }, (_, d) => {
      const spend = Math.round(Number(budget) * (0.6 + 0.8 * random()));
      const conversions = poisson(a * spend ** b, random);
      return {
        date: addDays('2026-09-01', d),
        spendMicros: BigInt(spend),
        conversions,
        revenueMicros: BigInt(conversions) * 30_000n * KRW,
      };
    });
    const min = random() < 0.2 ? budget + BigInt(Math.round((random() - 0.7) * Number(budget))) : undefined;
    const max = random() < 0.2 ? budget + BigInt(Math.round((random() - 0.3) * Number(budget))) : undefined;
    if (shared && !shared.holderId) shared.holderId = `h${i}`;
    entities.push({
      id: `c${String(i).padStart(2, '0')}`,
      platform: random() < 0.5 ? 'meta' : 'google_ads',
      budgetMicros: budget,
      ...(shared ? { holderId: shared.holderId, platform: shared.platform } : {}),
      unitMicros: shared?.unitMicros ?? unit,
      ...(min !== undefined && min > 0n ? { minMicros: min } : {}),
      ...(max !== undefined && max > 0n && (min === undefined || max >= min) ? { maxMicros: max } : {}),
      cooldown: random() < 0.15,
      group: random() < 0.5 ? 'g1' : 'g2',
      history,
    });
  }
  const totalFrom = sumUnique(entities);
  return {
    currency: 'KRW',
    objective: { kind: p.revenue ? 'maxRevenue' : 'maxConversions' },
    constraints: {
      maxChangePct: p.maxChangePct,
      ...(p.planMin !== undefined ? { minDailyMicros: BigInt(p.planMin) * KRW } : {}),
      ...(p.exposureShare !== undefined
        ? { exposureCapMicros: BigInt(Math.round(Number(totalFrom) * 1.5 * p.exposureShare)) }
        : {}),
    },
    minData: { days: 7, conversions: 5 },
    entities,
  };
}

/** Σ of current budgets, a shared budget once. */
export function sumUnique(entities: readonly PlanEntity[]): bigint {
  const seen = new Set<string>();
  let total = 0n;
  for (const e of entities) {
    const key = e.holderId ?? e.id;
    if (!seen.has(key)) total += e.budgetMicros;
    seen.add(key);
  }
  return total;
}
