import { buildPlan } from '../src/domain/budget/plan';
import type { HistoryDay, PlanEntity, PlanInput } from '../src/domain/budget/types';
import { addDays } from '../src/domain/dates';

/**
 * The budget planner on 1k, 10k and 100k entities with 56 days of history each, curve fitting included. The
 * baseline, measured in the same run, is one pass that just sums every history (spend and conversions): the least
 * any planner must do with the same data, so the ratio planner/baseline is the figure to track across machines.
 * Runs alone (`npx tsx bench/planner.ts`) and first in `npm run bench` (BENCH=planner runs only this).
 */
const SIZES = (process.env.BENCH_PLANNER_SIZES ?? '1000,10000,100000').split(',').map(Number);
const DAYS = 56;
const KRW = 1_000_000n;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function portfolio(size: number): PlanInput {
  const next = random(size);
  const dates = Array.from({ length: DAYS }, (_, d) => addDays('2026-09-01', d));
  const entities: PlanEntity[] = [];
  for (let i = 0; i < size; i++) {
    const budgetKrw = 20_000 + Math.floor(next() * 980) * 1000;
    const b = 0.3 + next() * 0.5;
    const a = (5 + next() * 50) / (budgetKrw * 1e6) ** b;
    const history: HistoryDay[] = dates.map((date) => {
      const spendKrw = Math.round(budgetKrw * (0.7 + 0.6 * next()));
      const expected = a * (spendKrw * 1e6) ** b;
      return {
        date,
        spendMicros: BigInt(spendKrw) * KRW,
        conversions: Math.max(0, Math.round(expected * (0.8 + 0.4 * next()))),
        revenueMicros: 0n,
      };
    });
    entities.push({
      id: `c${String(i).padStart(6, '0')}`,
      platform: i % 3 === 0 ? 'google_ads' : 'meta',
      budgetMicros: BigInt(budgetKrw) * KRW,
      group: `acct${i % 50}`,
      cooldown: i % 17 === 0,
      history,
    });
  }
  return { currency: 'KRW', objective: { kind: 'maxConversions' }, constraints: { maxChangePct: 0.2 }, entities };
}

function sumHistories(input: PlanInput): number {
  let spend = 0n;
  let conversions = 0;
  for (const e of input.entities) {
    for (const h of e.history) {
      spend += h.spendMicros;
      conversions += h.conversions;
    }
  }
  return Number(spend % 1000n) + conversions;
}

/** Median of `runs` timings: garbage collection left over from building the input lands on single runs. */
function timeMs(run: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((p, q) => p - q)[Math.floor(runs / 2)]!;
}

export function runPlannerBench(): void {
  console.log(`planner bench: ${DAYS} days of history per entity, maxConversions, fitting included`);
  console.log('entities   planner ms   baseline ms   planner/baseline   moved   total kept');
  for (const size of SIZES) {
    const input = portfolio(size);
    buildPlan({ ...input, entities: input.entities.slice(0, 200) }); // warm the JIT on a small plan
    const runs = size >= 100_000 ? 1 : 3;
    const baseline = timeMs(() => sumHistories(input), 3);
    let plan: ReturnType<typeof buildPlan> | undefined;
    const planner = timeMs(() => (plan = buildPlan(input)), runs);
    const moved = plan!.proposals.filter((p) => p.toMicros !== p.fromMicros).length;
    console.log(
      `${String(size).padStart(8)}  ${planner.toFixed(0).padStart(11)}  ${baseline.toFixed(1).padStart(12)}  ${(planner / baseline).toFixed(1).padStart(17)}  ${String(moved).padStart(6)}   ${plan!.totalToMicros === plan!.totalFromMicros}`,
    );
  }
}

if (require.main === module) runPlannerBench();
