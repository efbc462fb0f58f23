import type { Db } from 'mongodb';
import { log } from '@temporalio/activity';
import { ruleVersion } from '../config/rules';
import type { RuleConfig } from '../config/rules-schema';
import type { TrackersFile } from '../config/trackers-schema';
import type { AutomationLevel } from '../domain/rebalance/plan-record';
import { assessRule, demotionChange, levelNote } from '../domain/rebalance/rule-level';
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
