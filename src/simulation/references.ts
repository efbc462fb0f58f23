import type { IsoDate } from '../domain/dates';
import { oracleSplit, type OracleUnit } from '../domain/simulation/oracle';
import { expectedResponses } from '../sandbox/expected-response';
import type { BudgetHistory, BudgetMutation } from '../sandbox/state';
import { platformTruth } from '../sandbox/truth';
import type { SandboxWorld } from '../sandbox/world';
import type { ScopeHolder, SimulationScope } from './scope';

/**
 * The two references a simulation measures the engine against, on the same world and the same noise: the control
 * (no budget ever changes) and the oracle (each day, the best split under the rule's constraints from the hidden
 * curves, starting from where its own world is). Both are budget histories the sandbox's delivery turns into days
 * exactly as it does for the engine's writes, and the sandbox draws a day's noise per holder and date, so the three
 * worlds differ only by their budgets.
 */

export type SimulatedObjective = 'maxRevenue' | 'maxConversions';

const key = (h: ScopeHolder) => `${h.account.platform}|${h.account.accountId}|${h.holderId}`;
// Settled: far enough ahead that no platform restates any simulated day.
const SETTLED = new Date('2999-01-01T00:00:00Z');

export class OracleWorld {
  readonly mutations: BudgetMutation[] = [];
  private readonly budgets = new Map<string, bigint>();

  constructor(
    private readonly world: SandboxWorld,
    private readonly scope: SimulationScope,
    private readonly objective: SimulatedObjective,
    private readonly maxChange: number,
  ) {
    for (const h of scope.holders) this.budgets.set(key(h), h.generatedBudgetMicros);
  }

  /** Moves the oracle's budgets for `date` (changed at `at`, like the engine's run that day); returns how many moved. */
  step(date: IsoDate, at: Date): number {
    let changed = 0;
    for (const currency of new Set(this.scope.holders.map((h) => h.account.currency))) {
      const live: Array<{ holder: ScopeHolder; unit: OracleUnit }> = [];
      for (const account of this.scope.accounts.filter((a) => a.currency === currency)) {
        const truth = new Map(
          expectedResponses(this.world, account.platform, account.accountId, date).map((r) => [r.holderId, r]),
        );
        for (const holder of this.scope.holders.filter((h) => h.account === account)) {
          const response = truth.get(holder.holderId);
          // A budget that buys nothing that day is held: moving money into it would only lower spend.
          if (!response?.live) continue;
          live.push({
            holder,
            unit: {
              id: key(holder),
              coef: this.objective === 'maxRevenue' ? response.revenueCoef : response.conversionsCoef,
              b: response.b,
              fromMicros: this.budgets.get(key(holder)) as bigint,
              minMicros: holder.minMicros,
              ...(holder.maxMicros !== undefined ? { maxMicros: holder.maxMicros } : {}),
              unitMicros: holder.unitMicros,
            },
          });
        }
      }
      const split = oracleSplit(
        live.map((l) => l.unit),
        this.maxChange,
      );
      live.forEach(({ holder, unit }, i) => {
        const to = split.toMicros[i] as bigint;
        if (to === unit.fromMicros) return;
        this.budgets.set(key(holder), to);
        this.mutations.push(oracleMutation(holder, unit.fromMicros, to, at));
        changed += 1;
      });
    }
    return changed;
  }
}

function oracleMutation(holder: ScopeHolder, from: bigint, to: bigint, at: Date): BudgetMutation {
  return {
    at: at.toISOString(),
    platform: holder.account.platform,
    accountId: holder.account.accountId,
    entityId: holder.holderId,
    level: holder.level,
    field: 'oracle',
    oldValue: from.toString(),
    newValue: to.toString(),
    budgetMicros: to.toString(),
    validateOnly: false,
  };
}

/**
 * The rule's outcome on `date` in a world with `history`'s budgets: settled conversions, or revenue in micros, of
 * the entities the scope's budgets pay for, as the platforms report them once nothing restates.
 */
export function scopeOutcome(
  world: SandboxWorld,
  scope: SimulationScope,
  date: IsoDate,
  history: BudgetHistory,
  objective: SimulatedObjective,
): bigint {
  let total = 0n;
  for (const account of scope.accounts) {
    const holders = scope.holders.filter((h) => h.account === account);
    const campaigns = new Set(holders.filter((h) => h.level !== 'adset').flatMap((h) => h.entityIds));
    const adSets = new Set(holders.filter((h) => h.level === 'adset').flatMap((h) => h.entityIds));
    for (const row of platformTruth(world, account.platform, account.accountId, date, date, SETTLED, history)) {
      const counted = row.level === 'adset' ? adSets.has(row.entityId) : campaigns.has(row.entityId);
      if (!counted) continue;
      total += objective === 'maxRevenue' ? BigInt(row.conversionValueMicros) : BigInt(row.conversions);
    }
  }
  return total;
}
