import type { Command } from 'commander';
import type { Db } from 'mongodb';
import { assess, promoteRule, selectRules } from '../activities/rule-level';
import { loadConfig, type EngineConfig } from '../config/load';
import type { RuleAssessment } from '../domain/rebalance/rule-level';
import { ruleStatsText } from '../domain/rebalance/rule-stats-text';
import type { PromotionBar } from '../domain/rebalance/rule-stats';
import { withPlans } from './approve';

/** Each rule's (or one rule's) figures and promotion verdict; new outcomes whose days have settled are stored first. */
export async function ruleAssessments(
  db: Db,
  config: EngineConfig,
  ruleId?: string,
): Promise<Array<{ assessment: RuleAssessment; bar: PromotionBar }>> {
  const { rules, bars } = selectRules(config, ruleId);
  const out = [];
  for (const rule of rules) {
    const bar = bars.get(rule.id) as PromotionBar;
    out.push({ assessment: (await assess(db, config, rule, bar)).assessment, bar });
  }
  return out;
}

/** `adops rules stats` and `adops rules promote`: measured trust per rule, and promotion on confirmation. */
export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('budget rules: measured trust and promotion on the ladder');
  rules
    .command('stats')
    .description('per rule and level: decisions, agreement, calibration, realised gain, and the promotion verdict')
    .option('--rule <ruleId>', 'only this rule')
    .option('--json', 'print JSON instead of tables')
    .action(async (opts: { rule?: string; json?: boolean }) => {
      const config = loadConfig();
      selectRules(config, opts.rule); // a wrong --rule fails before the database is touched
      const results = await withPlans((db) => ruleAssessments(db, config, opts.rule));
      if (opts.json) console.log(JSON.stringify(results, null, 2));
      else console.log(results.map((r) => ruleStatsText(r.assessment, r.bar)).join('\n\n') || 'no rules');
    });
  rules
    .command('promote')
    .description('move a rule one level up (shadow → approve → auto) when it meets the promotion bar; recorded')
    .argument('<ruleId>')
    .requiredOption('--by <name>', 'who confirms the promotion')
    .option('--reason <text>', 'why (required with --force)')
    .option('--to <level>', 'the level expected after it: a rule already there is left alone')
    .option('--force', 'promote although the bar is not met (needs --reason)')
    .action(async (ruleId: string, opts: { by: string; reason?: string; to?: string; force?: boolean }) => {
      const config = loadConfig();
      selectRules(config, ruleId);
      const { change, level } = await withPlans((db) => promoteRule(db, config, ruleId, opts));
      console.log(
        change
          ? `${ruleId}: ${change.from} → ${change.to}${change.forced ? ' (forced)' : ''}, confirmed by ${change.by}; plans are made at ${change.to} from now on`
          : `${ruleId} is already at ${level}; nothing recorded`,
      );
    });
}
