import type { Db } from 'mongodb';
import { log } from '@temporalio/activity';
import type { EngineConfig } from '../config/load';
import { findRule, loadRules, promotionBar, ruleVersion } from '../config/rules';
import { AUTOMATION_LEVELS, type RuleConfig } from '../config/rules-schema';
import { loadTrackersConfig } from '../config/trackers';
import type { TrackersFile } from '../config/trackers-schema';
import type { AutomationLevel } from '../domain/rebalance/plan-record';
import { checkProposal, type PromotionProposal } from '../domain/rebalance/promotion-proposal';
import {
  assessRule,
  demotionChange,
  levelNote,
  PromotionError,
  promotionChange,
  type LevelChange,
} from '../domain/rebalance/rule-level';
import type { PromotionBar } from '../domain/rebalance/rule-stats';
import { gatherRuleEvidence } from '../reports/rule-evidence';
import { recordLevelChange } from '../storage/trust-store';
import { measureTrackerOutcomes } from './tracker-outcomes';

export interface PlanningLevel {
  level: AutomationLevel;
  configLevel: AutomationLevel;
  /** Why the level differs from config (the promotion or demotion in force). */
  note?: string;
}

/**
 * The level a rule plans at: its config level moved by recorded promotions and demotions, after recording the demotion
 * its recent figures call for. A demotion is keyed by the rule version and the evidence it saw, so a retry or a second
 * run on the same evidence records nothing more.
 */
export async function levelForPlanning(
  db: Db,
  rule: RuleConfig,
  bar: PromotionBar,
  now: Date,
  trackers: () => TrackersFile,
): Promise<PlanningLevel> {
  // A tracker rule's outcomes are the tracker's: measured here first, so the evidence below finds them stored.
  await measureTrackerOutcomes(db, trackers, { ...rule, version: ruleVersion(rule) }, bar.outcomeDays, now);
  const evidence = await gatherRuleEvidence(
    db,
    { ruleId: rule.id, ruleVersion: ruleVersion(rule), configLevel: rule.level },
    bar.outcomeDays,
  );
  const assessed = assessRule(evidence, bar);
  const demotion = demotionChange(assessed, evidence.changes.length, now.toISOString());
  if (demotion && (await recordLevelChange(db, demotion))) {
    log.warn('rule demoted', { ruleId: rule.id, from: demotion.from, to: demotion.to, why: demotion.reason });
    return { level: demotion.to, configLevel: rule.level, note: levelNote(demotion, rule.level) };
  }
  return { level: assessed.level, configLevel: rule.level, ...(assessed.note ? { note: assessed.note } : {}) };
}

/** The rules of config/rules.yaml (or the one named, else a clear error) with the bar each is judged by. */
export function selectRules(
  config: EngineConfig,
  ruleId?: string,
): { rules: RuleConfig[]; bars: Map<string, PromotionBar> } {
  const file = loadRules(config);
  const known = file.rules.map((r) => r.id).join(', ') || 'none';
  if (ruleId !== undefined && !findRule(file, ruleId))
    throw new Error(`rule "${ruleId}" is not in config/rules.yaml (its rules: ${known})`);
  const rules = ruleId === undefined ? file.rules : file.rules.filter((r) => r.id === ruleId);
  return { rules, bars: new Map(rules.map((r) => [r.id, promotionBar(file, r)])) };
}

/** A rule's evidence for its current version (new settled outcomes stored first) and its assessment. */
export async function assess(db: Db, config: EngineConfig, rule: RuleConfig, bar: PromotionBar) {
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

/** What `adops rules promote` and a confirmed rulePromotion proposal ask for. */
export interface PromotionRequest {
  by: string;
  reason?: string;
  force?: boolean;
  /** The level expected after it: a rule already there is left alone. */
  to?: string;
  /** The proposal being confirmed (its workflow id): it must still describe the rule (version, level, no change since). */
  proposal?: { workflowId: string; proposal: PromotionProposal };
}

/**
 * Records a promotion one level up when the rule meets its bar (or with force and a reason): the one path for
 * `adops rules promote` and for a proposal confirmed through the `decidePromotion` Update. With `to`, a rule already
 * there is left alone, so running the same command twice promotes once; a confirmed proposal whose promotion is
 * recorded already returns that change. Throws naming what is wrong (a PromotionError when the bar is not met or the
 * proposal no longer holds); writes nothing then.
 */
export async function promoteRule(
  db: Db,
  config: EngineConfig,
  ruleId: string,
  request: PromotionRequest,
  now = new Date(),
): Promise<{ change: LevelChange | null; level: string }> {
  if (request.to !== undefined && !(AUTOMATION_LEVELS as readonly string[]).includes(request.to))
    throw new Error(`--to: "${request.to}" is not a level (${AUTOMATION_LEVELS.join(', ')})`);
  const { rules, bars } = selectRules(config, ruleId);
  const rule = rules[0] as RuleConfig;
  const { evidence, assessment } = await assess(db, config, rule, bars.get(rule.id) as PromotionBar);
  if (request.proposal) {
    const { recorded, stale } = checkProposal(request.proposal.proposal, {
      ruleVersion: assessment.ruleVersion,
      level: assessment.level,
      changes: evidence.changes,
    });
    if (recorded) return { change: recorded, level: recorded.to };
    if (stale) throw new PromotionError([stale]);
  }
  if (request.to !== undefined && assessment.level === request.to) return { change: null, level: assessment.level };
  if (request.to !== undefined && assessment.promotion.to !== request.to)
    throw new Error(
      `--to ${request.to}: ${rule.id} is at ${assessment.level}; a promotion moves one level (to ${assessment.promotion.to ?? 'nothing: auto is the top'})`,
    );
  const { proposal, ...asked } = request;
  const change = promotionChange(
    assessment,
    { ...asked, ...(proposal ? { proposal: proposal.workflowId } : {}) },
    evidence.changes.length,
    now.toISOString(),
  );
  if (!(await recordLevelChange(db, change)))
    throw new Error(
      `another level change of ${rule.id} was recorded meanwhile; check \`adops rules stats\` and run again`,
    );
  return { change, level: change.to };
}
