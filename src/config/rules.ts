import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadYamlFile, type EngineConfig } from './load';
import type { PromotionBar } from '../domain/rebalance/rule-stats';
import { PROMOTION_DEFAULTS, rulesFileSchema, type RuleConfig, type RulesFile } from './rules-schema';

/**
 * config/rules.yaml, checked against the accounts: a rule names an advertiser that exists, platforms it has accounts
 * on, and money only in currencies its accounts use (amounts are never converted between currencies).
 */
export function loadRules(config: Pick<EngineConfig, 'dir' | 'accounts'>): RulesFile {
  const file = path.join(config.dir, 'rules.yaml');
  if (!existsSync(file)) return { killSwitch: false, promotion: { ...PROMOTION_DEFAULTS }, rules: [] };
  const rules = loadYamlFile(file, rulesFileSchema);
  const problems = rules.rules.flatMap((rule, i) =>
    crossCheck(rule, config).map((p) => ({ ...p, path: `rules[${i}].${p.path}` })),
  );
  if (problems.length > 0) throw new ConfigError(file, problems);
  return rules;
}

function crossCheck(
  rule: RuleConfig,
  config: Pick<EngineConfig, 'accounts'>,
): Array<{ path: string; message: string }> {
  const advertiser = config.accounts.advertisers.find((a) => a.id === rule.advertiserId);
  if (!advertiser) {
    const known = config.accounts.advertisers.map((a) => a.id).join(', ');
    return [
      {
        path: 'advertiserId',
        message: `"${rule.advertiserId}" is not an advertiser in accounts.yaml (known: ${known})`,
      },
    ];
  }
  const problems: Array<{ path: string; message: string }> = [];
  const platforms = new Set(advertiser.accounts.map((a) => a.platform));
  rule.scope.platforms?.forEach((platform, j) => {
    if (!platforms.has(platform))
      problems.push({ path: `scope.platforms[${j}]`, message: `${rule.advertiserId} has no ${platform} account` });
  });
  const currencies = new Set(advertiser.accounts.map((a) => a.currency));
  const money: Array<[string, Record<string, bigint>]> = [
    ['minData.spend', rule.minData.spend],
    ['constraints.minDaily', rule.constraints.minDaily],
    ['constraints.maxDaily', rule.constraints.maxDaily],
    ['constraints.exposureCap', rule.constraints.exposureCap],
  ];
  if (rule.constraints.total !== 'keep') money.push(['constraints.total.cap', rule.constraints.total.cap]);
  if (rule.objective.kind === 'targetCpa') money.push(['objective.cpa', rule.objective.cpa]);
  if (rule.objective.kind === 'paceMonthly') money.push(['objective.monthlyBudget', rule.objective.monthlyBudget]);
  for (const [where, amounts] of money) {
    for (const currency of Object.keys(amounts)) {
      if (!currencies.has(currency))
        problems.push({
          path: `${where}.${currency}`,
          message: `no account of ${rule.advertiserId} uses ${currency} (its currencies: ${[...currencies].join(', ')})`,
        });
    }
  }
  for (const currency of Object.keys(rule.constraints.minDaily)) {
    const min = rule.constraints.minDaily[currency];
    const max = rule.constraints.maxDaily[currency];
    if (min !== undefined && max !== undefined && min > max)
      problems.push({ path: `constraints.minDaily.${currency}`, message: `is above constraints.maxDaily.${currency}` });
  }
  return problems;
}

/**
 * A short hash of the rule as configured: plans record it, so a changed rule is a new version. Its promotion bar is
 * left out: tuning how a rule is judged does not change what it does, so it keeps its evidence and its level.
 */
export function ruleVersion(rule: RuleConfig): string {
  const { promotion: _bar, ...what } = rule;
  const canonical = JSON.stringify(what, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

export function findRule(rules: RulesFile, ruleId: string): RuleConfig | undefined {
  return rules.rules.find((r) => r.id === ruleId);
}

/** The bar a rule is judged by: the file's `promotion:` block, with the rule's own fields over it. */
export function promotionBar(rules: RulesFile, rule: RuleConfig): PromotionBar {
  return { ...rules.promotion, ...rule.promotion };
}
