import { addDays } from '../../../src/domain/dates';
import type { HistoryDay, PlanEntity } from '../../../src/domain/budget/types';

/** Seeded test data: portfolios whose true curves y = a·x^b are known, with noisy daily history. */

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson by inversion for small means, normal approximation above 50. */
export function poisson(mean: number, random: () => number): number {
  if (mean > 50) {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export interface TrueCurve {
  a: number;
  b: number;
}

export interface SyntheticEntity {
  entity: PlanEntity;
  truth: TrueCurve;
}

export const KRW = 1_000_000n;

export function syntheticPortfolio(
  seed: number,
  options: { entities?: number; days?: number; spendSwing?: number } = {},
): SyntheticEntity[] {
  const random = rng(seed);
  const count = options.entities ?? 4 + Math.floor(random() * 7);
  const days = options.days ?? 56;
  const swing = options.spendSwing ?? 0.3;
  const out: SyntheticEntity[] = [];
  for (let i = 0; i < count; i++) {
    const budgetKrw = 50_000 + Math.floor(random() * 450) * 1000;
    const budget = BigInt(budgetKrw) * KRW;
    const b = 0.3 + random() * 0.5;
    const conversionsAtBudget = 10 + random() * 50;
    const a = conversionsAtBudget / Number(budget) ** b;
    const history: HistoryDay[] = [];
    for (let d = 0; d < days; d++) {
      const spend = BigInt(Math.round(budgetKrw * (1 + swing * (2 * random() - 1)))) * KRW;
      history.push({
        date: addDays('2026-10-01', d),
        spendMicros: spend,
        conversions: poisson(a * Number(spend) ** b, random),
        revenueMicros: 0n,
      });
    }
    out.push({
      entity: {
        id: `e${String(i).padStart(3, '0')}`,
        platform: i % 2 === 0 ? 'meta' : 'google_ads',
        budgetMicros: budget,
        group: 'g',
        history,
      },
      truth: { a, b },
    });
  }
  return out;
}

export function trueOutcome(truth: TrueCurve, micros: bigint): number {
  return truth.a * Number(micros) ** truth.b;
}
