import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/dates';
import { buildPlan } from '../../../src/domain/budget/plan';
import type { PlanEntity, PlanInput } from '../../../src/domain/budget/types';
import { inputOf, portfolio, sumUnique } from './random-portfolio';
import { KRW, rng } from './synthetic';

const RUNS = { numRuns: 300, seed: 20261130 };

describe('budget plan properties', () => {
  it('keeps the total to the micro and every bound, unit, maximum change and cooldown', () => {
    fc.assert(
      fc.property(portfolio, (p) => {
        const input = inputOf(p);
        const plan = buildPlan(input);
        const totalFrom = sumUnique(input.entities);
        expect(plan.totalFromMicros).toBe(totalFrom);
        const sumTo = plan.proposals.reduce((s, x) => s + x.toMicros, 0n);
        const sumSkipped = plan.skipped.reduce((s, x) => s + x.budgetMicros, 0n);
        expect(sumTo + sumSkipped).toBe(plan.totalToMicros);
        if (p.exposureShare === undefined) expect(plan.totalToMicros).toBe(totalFrom);
        else expect(plan.totalToMicros <= totalFrom).toBe(true);
        expect(plan.unallocatedMicros).toBe(totalFrom - plan.totalToMicros);

        const byId = new Map(input.entities.map((e) => [e.id, e]));
        for (const proposal of plan.proposals) {
          const members = proposal.entityIds.map((id) => byId.get(id)!);
          expect(members.every((m) => !m.cooldown)).toBe(true);
          const { fromMicros: from, toMicros: to } = proposal;
          if (to === from) continue;
          const unit = members[0]!.unitMicros!;
          expect(to % unit).toBe(0n);
          expect(from % unit).toBe(0n);
          const change = Math.abs(Number(to - from)) / Number(from);
          expect(change).toBeLessThanOrEqual(p.maxChangePct + 1e-9);
          for (const m of members) {
            if (m.minMicros !== undefined) expect(to >= m.minMicros).toBe(true);
            if (m.maxMicros !== undefined) expect(to <= m.maxMicros).toBe(true);
          }
          if (input.constraints.minDailyMicros !== undefined) expect(to >= input.constraints.minDailyMicros).toBe(true);
          expect(to > 0n).toBe(true);
        }
        for (const e of input.entities.filter((x) => x.cooldown)) {
          expect(plan.skipped.some((s) => s.entityIds.includes(e.id))).toBe(true);
        }
        if (input.constraints.exposureCapMicros !== undefined && !plan.notes.some((n) => n.includes('exposure cap'))) {
          expect(plan.exposureMicros <= input.constraints.exposureCapMicros).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('keeps the exposure cap whenever it does not say otherwise', () => {
    fc.assert(
      fc.property(portfolio, (p) => {
        const input = inputOf({ ...p, exposureShare: p.exposureShare ?? 0.9 });
        const plan = buildPlan(input);
        const cap = input.constraints.exposureCapMicros!;
        const impossible = plan.notes.some((n) => n.includes('cannot be met'));
        if (!impossible) expect(plan.exposureMicros <= cap).toBe(true);
      }),
      RUNS,
    );
  });

  it('is deterministic, whatever the order of the entities', () => {
    fc.assert(
      fc.property(portfolio, fc.integer(), (p, shuffleSeed) => {
        const input = inputOf(p);
        const random = rng(shuffleSeed);
        const shuffled = { ...input, entities: [...input.entities].sort(() => random() - 0.5) };
        expect(buildPlan(shuffled)).toEqual(buildPlan(input));
        expect(buildPlan(input)).toEqual(buildPlan(input));
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});

/**
 * Noise that leaves the fitted curve exactly where it is: at each spend level, two days at y·e^(+ε) and y·e^(−ε).
 * The least-squares line through the logs is the true one whatever ε, so only the band widens with ε (or with fewer
 * repeats): the moves must not grow.
 */
function mirroredInput(seed: number, noise: number, repeats: number): PlanInput {
  const random = rng(seed);
  const entities: PlanEntity[] = Array.from({ length: 6 }, (_, i) => {
    const budget = BigInt(50_000 + Math.floor(random() * 400_000)) * KRW;
    const b = 0.25 + random() * 0.6;
    const a = (5 + random() * 50) / Number(budget) ** b;
    const history = [];
    let day = 0;
    for (let r = 0; r < repeats; r++) {
      for (const level of [0.7, 0.9, 1.1, 1.3]) {
        const spend = Math.round(Number(budget) * level);
        for (const sign of [1, -1]) {
          history.push({
            date: addDays('2026-01-01', day++),
            spendMicros: BigInt(spend),
            conversions: a * spend ** b * Math.exp(sign * noise),
            revenueMicros: 0n,
          });
        }
      }
    }
    return { id: `m${i}`, platform: 'meta', budgetMicros: budget, unitMicros: 1n, group: `own${i}`, history };
  });
  return {
    currency: 'KRW',
    objective: { kind: 'maxConversions' },
    constraints: { maxChangePct: 0.5 },
    minData: { days: 0, conversions: 0, spendMicros: 0n },
    entities,
  };
}

function totalMove(input: PlanInput): number {
  return buildPlan(input).proposals.reduce((s, p) => s + Math.abs(Number(p.toMicros - p.fromMicros)), 0);
}

describe('uncertainty damps the moves', () => {
  it('noisier history (same fitted curves) never moves more, in aggregate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 1.2, max: 4, noNaN: true }),
        (seed, noise, factor) => {
          const quiet = totalMove(mirroredInput(seed, noise, 4));
          const noisy = totalMove(mirroredInput(seed, noise * factor, 4));
          expect(noisy).toBeLessThanOrEqual(quiet + 12); // 12 micros: rounding onto 1-micro units
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('a markedly noisier history moves clearly less (the damping is there, not only allowed)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const quiet = totalMove(mirroredInput(seed, 0.05, 4));
      const noisy = totalMove(mirroredInput(seed, 0.6, 4));
      expect(quiet).toBeGreaterThan(0);
      expect(noisy).toBeLessThan(quiet * 0.9);
    }
  });

  it('thinner history (fewer days, same fitted curves) never moves more, in aggregate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 0.05, max: 0.4, noNaN: true }), (seed, noise) => {
        const rich = totalMove(mirroredInput(seed, noise, 6));
        const thin = totalMove(mirroredInput(seed, noise, 1));
        expect(thin).toBeLessThanOrEqual(rich + 12);
      }),
      { numRuns: 200, seed: 8 },
    );
  });
});
