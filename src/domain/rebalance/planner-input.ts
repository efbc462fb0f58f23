import type { RuleConfig } from '../../config/rules-schema';
import type { BudgetRules } from '../../connectors/budget';
import type { EntityLevel, MetricRow } from '../metrics';
import type { Platform } from '../platforms';

/** One entity in scope of a rule, with its budget as just read from the platform. */
export interface ScopedEntity {
  key: string;
  platform: Platform;
  accountId: string;
  level: EntityLevel;
  name: string;
  budgetMicros: bigint;
  rules: BudgetRules;
  /** A budget object several entities share (Google shared budgets): moved as one. */
  holderId?: string;
  /** Changed within the rule's cooldown, or held by the per-account cap on changes per day. */
  cooldown: boolean;
}

/**
 * The planner's JSON input (the same shape `adops plan --input` reads) for one rule and one currency: the rule's
 * objective and constraints in this currency, each entity's bounds from the platform's rules, and its daily history.
 * Pure, so a stored plan's inputs can be rebuilt and checked.
 */
export function plannerInput(
  rule: RuleConfig,
  currency: string,
  entities: readonly ScopedEntity[],
  history: ReadonlyMap<string, readonly MetricRow[]>,
  totalBudgetMicros?: bigint,
): Record<string, unknown> {
  const c = rule.constraints;
  const str = (v: bigint | undefined) => (v === undefined ? undefined : v.toString());
  const objective =
    rule.objective.kind === 'targetCpa'
      ? { kind: 'targetCpa', cpaMicros: str(rule.objective.cpa[currency]) }
      : rule.objective.kind === 'targetRoas'
        ? { kind: 'targetRoas', roas: rule.objective.roas }
        : rule.objective.kind === 'paceMonthly'
          ? { kind: rule.objective.outcome === 'revenue' ? 'maxRevenue' : 'maxConversions' }
          : { kind: rule.objective.kind };
  const cap = c.total === 'keep' ? undefined : c.total.cap[currency];
  return prune({
    currency,
    objective,
    totalBudgetMicros: str(totalBudgetMicros ?? cap),
    constraints: prune({
      // Rules write percent (20); the planner takes a fraction (0.2).
      maxChangePct: c.maxChangePct / 100,
      minDailyMicros: str(c.minDaily[currency]),
      maxDailyMicros: str(c.maxDaily[currency]),
      exposureCapMicros: str(c.exposureCap[currency]),
    }),
    minData: prune({
      days: rule.minData.days,
      spendMicros: str(rule.minData.spend[currency]),
      conversions: rule.minData.conversions,
    }),
    entities: entities.map((e) =>
      prune({
        id: e.key,
        platform: e.platform,
        budgetMicros: e.budgetMicros.toString(),
        // The platform's minimum for this level (TikTok: campaign $50, ad group $20).
        minMicros: (e.rules.minDailyMicrosByLevel?.[e.level] ?? e.rules.minDailyMicros).toString(),
        unitMicros: e.rules.unitMicros.toString(),
        overspendFactor: e.rules.overspendFactor,
        holderId: e.holderId,
        group: `${e.platform}|${e.accountId}`,
        cooldown: e.cooldown,
        history: (history.get(e.key) ?? []).map((row) => ({
          date: row.date,
          spendMicros: row.spendMicros.toString(),
          conversions: row.conversions,
          revenueMicros: row.conversionValueMicros.toString(),
        })),
      }),
    ),
  });
}

function prune<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
