import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadYamlFile, type EngineConfig } from './load';
import type { PromotionBar } from '../domain/rebalance/rule-stats';
import { PROMOTION_DEFAULTS, rulesFileSchema, type RuleConfig, type RulesFile } from './rules-schema';
import { loadTrackersConfig } from './trackers';
import type { TrackersFile } from './trackers-schema';

/**
 * config/rules.yaml, checked against the accounts: a rule names an advertiser that exists, platforms it has accounts
 * on, and money only in currencies its accounts use (amounts are never converted between currencies). A rule that
 * takes its outcome from a tracker is checked against config/trackers.yaml too (read only then).
 */
export function loadRules(config: Pick<EngineConfig, 'dir' | 'accounts'>): RulesFile {
  const file = path.join(config.dir, 'rules.yaml');
  if (!existsSync(file)) return { killSwitch: false, promotion: { ...PROMOTION_DEFAULTS }, rules: [] };
  const rules = loadYamlFile(file, rulesFileSchema);
  let trackers: TrackersFile | null | undefined;
  const trackersOnce = () => {
    if (trackers === undefined) {
      trackers = existsSync(path.join(config.dir, 'trackers.yaml'))
        ? loadTrackersConfig(config.dir, config.accounts)
        : null;
    }
    return trackers;
  };
  const problems = rules.rules.flatMap((rule, i) =>
    [
      ...crossCheck(rule, config),
      ...(rule.outcomeSource?.source === 'tracker' ? trackerCheck(rule, config, trackersOnce()) : []),
    ].map((p) => ({ ...p, path: `rules[${i}].${p.path}` })),
  );
  if (problems.length > 0) throw new ConfigError(file, problems);
  return rules;
}

/**
 * A tracker-sourced rule: tracker figures are joined onto media campaigns (never ad sets), so the rule plans campaigns,
 * and at least one tracker app of its advertiser must map onto an account of its platforms, or nothing could be planned.
 */
function trackerCheck(
  rule: RuleConfig,
  config: Pick<EngineConfig, 'dir' | 'accounts'>,
  trackers: TrackersFile | null,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (rule.scope.level !== 'campaign')
    problems.push({
      path: 'scope.level',
      message: `is ${rule.scope.level}, but outcomeSource tracker needs campaign: trackers report campaigns, and their figures are joined onto media campaigns only`,
    });
  if (!trackers) {
    problems.push({
      path: 'outcomeSource',
      message: `source tracker needs config/trackers.yaml (not found in ${config.dir})`,
    });
    return problems;
  }
  const apps = trackers.apps.filter((a) => a.advertiser === rule.advertiserId);
  const inScope = (platform: string) => !rule.scope.platforms || rule.scope.platforms.some((p) => p === platform);
  const mapped = trackers.mappings.filter((m) => apps.some((a) => a.id === m.app) && inScope(m.platform));
  if (mapped.length === 0) {
    const theirs = trackers.mappings
      .filter((m) => apps.some((a) => a.id === m.app))
      .map((m) => `${m.app} → ${m.platform} ${m.accountIds.join(', ')}`);
    problems.push({
      path: 'outcomeSource',
      message:
        apps.length === 0
          ? `source tracker needs a tracker app of ${rule.advertiserId} in trackers.yaml (apps:), and it has none`
          : `source tracker needs a trackers.yaml mapping from an app of ${rule.advertiserId} onto an account of the rule's platforms (${rule.scope.platforms?.join(', ') ?? 'any'}); its mappings: ${theirs.join('; ') || 'none'}`,
    });
  }
  return problems;
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
 * left out: tuning how a rule is judged does not change what it does, so it keeps its evidence and its level. An
 * outcome source of `media` is the default written out, so it is left out too (the rule plans exactly as before);
 * `tracker` fits other figures, so it is part of the version.
 */
export function ruleVersion(rule: RuleConfig): string {
  const { promotion: _bar, outcomeSource, ...rest } = rule;
  const what = outcomeSource?.source === 'tracker' ? { ...rest, outcomeSource } : rest;
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
