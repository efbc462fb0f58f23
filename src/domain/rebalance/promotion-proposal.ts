import { InputError } from '../workflow-input';
import type { AutomationLevel } from './plan-record';
import {
  promotionChangeId,
  promotionFigures,
  type JudgedFigures,
  type LevelChange,
  type RuleAssessment,
} from './rule-level';
import { LEVELS, type PromotionBar } from './rule-stats';

/**
 * A promotion the engine proposes when a rule meets its bar at its current level: the input of the rulePromotion
 * workflow, which waits for an engineer's `decidePromotion` Update. It carries the evidence it was proposed on, so the
 * Web UI shows the figures against the bar, and what the confirmation re-checks: the same rule version, at the same
 * level, with no level change recorded since.
 */
export interface PromotionProposal {
  ruleId: string;
  ruleVersion: string;
  advertiserId: string;
  from: AutomationLevel;
  to: AutomationLevel;
  /** Level changes recorded for this rule version before the proposal: a confirmation records change number `changes`. */
  changes: number;
  /** The rule's figures at `from` when it was proposed. */
  figures: JudgedFigures;
  bar: PromotionBar;
  proposedAt: string;
  /** How long the proposal waits for an engineer (the bar's proposalExpiresAfter), in milliseconds. */
  expiresAfterMs: number;
}

/** What became of a proposal: waiting, promoted, declined, expired, or withdrawn (no longer true when confirmed). */
export type PromotionStatus = 'proposed' | 'promoted' | 'declined' | 'expired' | 'withdrawn';

/** A proposal as stored in promotion_proposals (one document per rulePromotion workflow, `_id` its workflow id). */
export interface PromotionRecord {
  workflowId: string;
  ruleId: string;
  ruleVersion: string;
  advertiserId: string;
  from: AutomationLevel;
  to: AutomationLevel;
  changes: number;
  figures: JudgedFigures;
  proposedAt: string;
  expiresAt: string;
  status: PromotionStatus;
  /** Who confirmed or declined it, and why; what a withdrawn or expired proposal ran into. */
  by?: string;
  reason?: string;
  decidedAt?: string;
  detail?: string;
}

/** rulePromotion's state: the `promotion` query, the `decidePromotion` Update's answer and the workflow's result. */
export interface PromotionState {
  phase: 'awaiting_confirmation' | 'recording' | 'done';
  status: PromotionStatus;
  workflowId: string;
  proposal: PromotionProposal;
  expiresAt: string;
  /** The level the proposal leaves the rule at: `to` once promoted, else `from` (it changed nothing). */
  level: AutomationLevel;
  decision?: { confirm: boolean; by: string; reason?: string; at: string };
  /** What came of it in words: the promotion recorded, the decline, the expiry, or what changed since the proposal. */
  detail?: string;
  /** The promotion recorded in rule_levels. */
  change?: LevelChange;
}

/**
 * The proposal's workflow id: `promote:<ruleId>:<ruleVersion>:<from>-<to>:<n>`, n the level changes of the version
 * before it. One step of one version is proposed once; after a demotion back to `from` the same step is a new proposal.
 */
export function promotionWorkflowId(p: Pick<PromotionProposal, 'ruleId' | 'ruleVersion' | 'from' | 'to' | 'changes'>) {
  return `promote:${p.ruleId}:${p.ruleVersion}:${p.from}-${p.to}:${p.changes}`;
}

/** The promotion to propose for this assessment, or null when the bar is not met (or the rule is at the top). */
export function proposalFor(
  a: RuleAssessment,
  bar: PromotionBar,
  changesSoFar: number,
  advertiserId: string,
  at: string,
): PromotionProposal | null {
  if (!a.promotion.met || a.promotion.to === null) return null;
  return {
    ruleId: a.ruleId,
    ruleVersion: a.ruleVersion,
    advertiserId,
    from: a.level,
    to: a.promotion.to,
    changes: changesSoFar,
    figures: promotionFigures(a),
    bar,
    proposedAt: at,
    expiresAfterMs: bar.proposalExpiresAfter,
  };
}

/**
 * Whether a proposal still describes the rule when someone confirms it: `recorded` when its promotion is recorded
 * already (a retried confirmation, or `adops rules promote` got there first), `stale` with why when the rule was
 * edited or changed level since, else neither. The bar itself is checked again by promotionChange.
 */
export function checkProposal(
  p: PromotionProposal,
  now: { ruleVersion: string; level: AutomationLevel; changes: readonly LevelChange[] },
): { recorded?: LevelChange; stale?: string } {
  if (now.ruleVersion !== p.ruleVersion)
    return {
      stale: `${p.ruleId} was edited since the proposal (version ${p.ruleVersion} → ${now.ruleVersion}); an edited rule starts again from its level in config`,
    };
  const mine = now.changes.find((c) => c.id === promotionChangeId(p.ruleId, p.ruleVersion, p.changes));
  if (mine && mine.kind === 'promotion' && mine.from === p.from && mine.to === p.to) return { recorded: mine };
  if (now.changes.length !== p.changes || now.level !== p.from) {
    const last = [...now.changes].sort((a, b) => a.seq - b.seq).at(-1);
    const what = last ? `${last.kind} ${last.from} → ${last.to} by ${last.by} at ${last.at}` : 'its level changed';
    return { stale: `${p.ruleId} changed level since the proposal (${what}); it is at ${now.level} now` };
  }
  return {};
}

const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;
const FIELDS = [
  'ruleId',
  'ruleVersion',
  'advertiserId',
  'from',
  'to',
  'changes',
  'figures',
  'bar',
  'proposedAt',
  'expiresAfterMs',
];
const BAR_FIELDS: Array<keyof PromotionBar> = [
  'minAgreementPct',
  'minDecisions',
  'minCalibrationPct',
  'minOutcomes',
  'recentDecisions',
  'outcomeDays',
  'proposalExpiresAfter',
];
const MIN_EXPIRY_MS = 10_000;
const MAX_EXPIRY_MS = 28 * 86_400_000;

/** rulePromotion's input, checked like every workflow input: a bad one fails the run at once, naming each field. */
export function parsePromotionProposal(raw: unknown): PromotionProposal {
  const workflow = 'rulePromotion';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InputError(workflow, ['the input must be one JSON object (a proposal, as rebalanceBudgets makes it)']);
  const obj = raw as Record<string, unknown>;
  const problems = Object.keys(obj)
    .filter((k) => !FIELDS.includes(k))
    .map((k) => `${k}: unknown field (allowed: ${FIELDS.join(', ')})`);
  if (typeof obj.ruleId !== 'string' || !RULE_ID.test(obj.ruleId))
    problems.push(`ruleId: expected a rule id from config/rules.yaml, got ${JSON.stringify(obj.ruleId)}`);
  if (typeof obj.ruleVersion !== 'string' || !/^[0-9a-f]{6,64}$/.test(obj.ruleVersion))
    problems.push(
      `ruleVersion: expected the rule's version (hex, as plans record it), got ${JSON.stringify(obj.ruleVersion)}`,
    );
  if (typeof obj.advertiserId !== 'string' || obj.advertiserId === '')
    problems.push('advertiserId: required (the rule’s advertiser)');
  const from = LEVELS.indexOf(obj.from as AutomationLevel);
  if (from < 0) problems.push(`from: expected one of ${LEVELS.join(', ')}, got ${JSON.stringify(obj.from)}`);
  else if (obj.to !== LEVELS[from + 1])
    problems.push(
      `to: a promotion moves one level up, from ${String(obj.from)} to ${LEVELS[from + 1] ?? 'nothing (auto is the top)'}, got ${JSON.stringify(obj.to)}`,
    );
  if (!Number.isSafeInteger(obj.changes) || (obj.changes as number) < 0)
    problems.push(
      `changes: expected the count of level changes before the proposal, got ${JSON.stringify(obj.changes)}`,
    );
  problems.push(...figuresProblems(obj.figures));
  if (typeof obj.bar !== 'object' || obj.bar === null) problems.push('bar: required (the promotion bar it met)');
  else
    for (const key of BAR_FIELDS) {
      const value = (obj.bar as Record<string, unknown>)[key];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        problems.push(`bar.${key}: expected a number ≥ 0, got ${JSON.stringify(value)}`);
    }
  if (typeof obj.proposedAt !== 'string' || Number.isNaN(Date.parse(obj.proposedAt)))
    problems.push(`proposedAt: expected an ISO time, got ${JSON.stringify(obj.proposedAt)}`);
  const ms = obj.expiresAfterMs;
  if (!Number.isSafeInteger(ms) || (ms as number) < MIN_EXPIRY_MS || (ms as number) > MAX_EXPIRY_MS)
    problems.push(`expiresAfterMs: expected milliseconds from 10 s to 28 days, got ${JSON.stringify(ms)}`);
  if (problems.length > 0) throw new InputError(workflow, problems);
  return raw as PromotionProposal;
}

function figuresProblems(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return ['figures: required (the figures it was proposed on)'];
  const f = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['decided', 'outcomes'])
    if (!Number.isSafeInteger(f[key]) || (f[key] as number) < 0)
      problems.push(`figures.${key}: expected a count, got ${JSON.stringify(f[key])}`);
  for (const key of ['agreementPct', 'calibrationPct'])
    if (f[key] !== null && (typeof f[key] !== 'number' || (f[key] as number) < 0 || (f[key] as number) > 100))
      problems.push(`figures.${key}: expected a percent or null, got ${JSON.stringify(f[key])}`);
  return problems;
}
