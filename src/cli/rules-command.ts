import type { Command } from 'commander';
import type { Db } from 'mongodb';
import { loadConfig, type EngineConfig } from '../config/load';
import { findRule, loadRules, promotionBar, ruleVersion } from '../config/rules';
import { AUTOMATION_LEVELS, type RuleConfig } from '../config/rules-schema';
import { assessRule, promotionChange, type LevelChange, type RuleAssessment } from '../domain/rebalance/rule-level';
import { ruleStatsText } from '../domain/rebalance/rule-stats-text';
import type { PromotionBar } from '../domain/rebalance/rule-stats';
import { gatherRuleEvidence } from '../reports/rule-evidence';
import { recordLevelChange } from '../storage/trust-store';
import { measureTrackerOutcomes } from '../activities/tracker-outcomes';
import { loadTrackersConfig } from '../config/trackers';
import { withPlans } from './approve';

function selectRules(config: EngineConfig, ruleId?: string): { rules: RuleConfig[]; bars: Map<string, PromotionBar> } {
  const file = loadRules(config);
  const known = file.rules.map((r) => r.id).join(', ') || 'none';
  if (ruleId !== undefined && !findRule(file, ruleId))
    throw new Error(`rule "${ruleId}" is not in config/rules.yaml (its rules: ${known})`);
  const rules = ruleId === undefined ? file.rules : file.rules.filter((r) => r.id === ruleId);
  return { rules, bars: new Map(rules.map((r) => [r.id, promotionBar(file, r)])) };
}

async function assess(db: Db, config: EngineConfig, rule: RuleConfig, bar: PromotionBar) {
  // A tracker rule's outcomes are measured on the tracker's figures first (see src/activities/tracker-outcomes.ts).
  await measureTrackerOutcomes(
    db,
    () => loadTrackersConfig(config.dir, config.accounts),
    { ...rule, version: ruleVersion(rule) },
    bar.outcomeDays,
    new Date(),
  );
  const evidence = await gatherRuleEvidence(
    db,
    { ruleId: rule.id, ruleVersion: ruleVersion(rule), configLevel: rule.level },
    bar.outcomeDays,
  );
  return { evidence, assessment: assessRule(evidence, bar) };
}

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

/**
 * Records a promotion one level up when the rule meets its bar (or with force and a reason). With `to`, a rule already
 * there is left alone, so running the same command twice promotes once. Throws naming what is wrong; writes nothing then.
 */
export async function promoteRule(
  db: Db,
  config: EngineConfig,
  ruleId: string,
  request: { by: string; reason?: string; force?: boolean; to?: string },
  now = new Date(),
): Promise<{ change: LevelChange | null; level: string }> {
  if (request.to !== undefined && !(AUTOMATION_LEVELS as readonly string[]).includes(request.to))
    throw new Error(`--to: "${request.to}" is not a level (${AUTOMATION_LEVELS.join(', ')})`);
  const { rules, bars } = selectRules(config, ruleId);
  const rule = rules[0] as RuleConfig;
  const { evidence, assessment } = await assess(db, config, rule, bars.get(rule.id) as PromotionBar);
  if (request.to !== undefined && assessment.level === request.to) return { change: null, level: assessment.level };
  if (request.to !== undefined && assessment.promotion.to !== request.to)
    throw new Error(
      `--to ${request.to}: ${rule.id} is at ${assessment.level}; a promotion moves one level (to ${assessment.promotion.to ?? 'nothing: auto is the top'})`,
    );
  const change = promotionChange(assessment, request, evidence.changes.length, now.toISOString());
  if (!(await recordLevelChange(db, change)))
    throw new Error(
      `another level change of ${rule.id} was recorded meanwhile; check \`adops rules stats\` and run again`,
    );
  return { change, level: change.to };
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
