import type { TrackerConversions } from '../../config/rules-schema';
import type { EntityLevel } from '../metrics';
import type { Platform } from '../platforms';

/**
 * A stored budget plan as workflows, the CLI and the Web UI see it. Micros are decimal strings here: these records
 * cross workflow history as JSON, which has no integer type wide enough.
 */

export type AutomationLevel = 'shadow' | 'approve' | 'auto';

export type PlanStatus =
  | 'shadow' // recorded only
  | 'dry_run' // asked for a dry run: recorded only
  | 'empty' // nothing to change
  | 'awaiting_approval'
  | 'rejected'
  | 'expired'
  | 'killed' // a kill switch was on when it would have applied
  | 'applying'
  | 'applied' // every approved change applied
  | 'applied_with_problems'; // some changes hit a conflict or were refused

/** What the planner says about one budget, as stored: micros as decimal strings. */
export interface ProposalFigures {
  fromMicros: string;
  toMicros: string;
  changePct: number;
  /** Predicted change of the objective's outcome per day, with its band. */
  predictedDelta: number;
  predictedLow: number;
  predictedHigh: number;
  /** Worst-case daily spend at the new budget under the platform's overspend rule. */
  exposureMicros: string;
  reason: string;
  boundBy: string[];
}

export interface ProposalRecord extends ProposalFigures {
  /** platform|accountId|level|entityId: the ledger key inside the plan. */
  key: string;
  platform: Platform;
  accountId: string;
  level: EntityLevel;
  entityId: string;
  campaignId?: string;
  name: string;
}

export interface SkippedRecord {
  key: string;
  name: string;
  why: string;
}

export type Verdict = 'approved' | 'rejected' | 'expired' | 'automatic';

export interface DecisionRecord {
  verdict: Verdict;
  /** The proposals approved (all of them for an automatic or full approval, none for a rejection). */
  approvedKeys: string[];
  by: string;
  reason: string;
  at: string;
}

export interface PlanRecord {
  planId: string;
  workflowId: string;
  ruleId: string;
  ruleVersion: string;
  advertiserId: string;
  currency: string;
  /** The level the plan was made at: the rule's effective level (config, moved by recorded promotions/demotions). */
  automation: AutomationLevel;
  /** The rule's level in config/rules.yaml, when the effective level differs from it. */
  configLevel?: AutomationLevel;
  /** Why the effective level differs from config: the promotion or demotion in force, with who, when and why. */
  levelNote?: string;
  objective: string;
  /**
   * Where the outcome the curves were fitted on came from when it was not the media platforms' own conversions: the
   * tracker count taken as conversions (revenue is the tracker's) and the apps feeding the scope ("appsflyer
   * hanbit-beauty-aos"). Absent: the media platforms' (every plan made before tracker rules existed, too).
   */
  outcomeSource?: { source: 'tracker'; conversions: TrackerConversions; apps: string[] };
  /** The agency-zone day the plan was made for. */
  date: string;
  createdAt: string;
  inputsHash: string;
  totalFromMicros: string;
  totalToMicros: string;
  proposals: ProposalRecord[];
  skipped: SkippedRecord[];
  /** Why an auto plan asks for approval (its largest change is above the rule's auto ceiling), else absent. */
  ceilingExceeded?: string;
  status: PlanStatus;
  decision?: DecisionRecord;
  expiresAt?: string;
}

export function proposalKey(p: { platform: string; accountId: string; level: string; entityId: string }): string {
  return [p.platform, p.accountId, p.level, p.entityId].join('|');
}

/** Whether this plan needs an AE before anything is applied. */
export function needsApproval(plan: Pick<PlanRecord, 'automation' | 'ceilingExceeded' | 'proposals'>): boolean {
  if (plan.proposals.length === 0) return false;
  return plan.automation === 'approve' || (plan.automation === 'auto' && plan.ceilingExceeded !== undefined);
}
