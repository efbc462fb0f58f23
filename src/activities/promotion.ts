import type { Db } from 'mongodb';
import { log } from '@temporalio/activity';
import type { EngineConfig } from '../config/load';
import { findRule, loadRules, promotionBar } from '../config/rules';
import {
  promotionWorkflowId,
  proposalFor,
  type PromotionProposal,
  type PromotionRecord,
  type PromotionState,
  type PromotionStatus,
} from '../domain/rebalance/promotion-proposal';
import { PromotionError, type LevelChange } from '../domain/rebalance/rule-level';
import { closePromotion, findPromotion, saveProposed } from '../storage/promotion-store';
import { assess, promoteRule } from './rule-level';

export interface PromotionDeps {
  db: Db;
  loadConfig: () => EngineConfig;
  now?: () => Date;
}

/** What a confirmation came to: promoted (the change in rule_levels), or withdrawn with what no longer holds. */
export interface ConfirmResult {
  status: Extract<PromotionStatus, 'promoted' | 'withdrawn'>;
  level: PromotionState['level'];
  detail: string;
  change?: LevelChange;
}

/** The steps of a promotion proposal: find one due after a rebalance run, record it, confirm it or close it. */
export function createPromotionActivities(deps: PromotionDeps) {
  const now = deps.now ?? (() => new Date());

  const record = (workflowId: string, p: PromotionProposal, expiresAt: string): PromotionRecord => ({
    workflowId,
    ruleId: p.ruleId,
    ruleVersion: p.ruleVersion,
    advertiserId: p.advertiserId,
    from: p.from,
    to: p.to,
    changes: p.changes,
    figures: p.figures,
    proposedAt: p.proposedAt,
    expiresAt,
    status: 'proposed',
  });

  return {
    /**
     * The promotion this rule's evidence calls for now, with its workflow id, or null: the bar is not met, the rule is
     * at the top, or this step of this version was proposed before (waiting, declined, expired or confirmed; the
     * record outlives Temporal's retention of closed workflows, so a declined step is not proposed again every day).
     */
    async proposePromotion(input: {
      ruleId: string;
    }): Promise<{ workflowId: string; proposal: PromotionProposal } | null> {
      const config = deps.loadConfig();
      const rules = loadRules(config);
      const rule = findRule(rules, input.ruleId);
      if (!rule) return null;
      const bar = promotionBar(rules, rule);
      const { evidence, assessment } = await assess(deps.db, config, rule, bar);
      const proposal = proposalFor(assessment, bar, evidence.changes.length, rule.advertiserId, now().toISOString());
      if (!proposal) return null;
      const workflowId = promotionWorkflowId(proposal);
      if (await findPromotion(deps.db, workflowId)) return null;
      return { workflowId, proposal };
    },

    /** The proposal's record, written once when its workflow starts. */
    async recordProposal(input: { workflowId: string; proposal: PromotionProposal; expiresAt: string }): Promise<void> {
      await saveProposed(deps.db, record(input.workflowId, input.proposal, input.expiresAt));
    },

    /** Records a decline or an expiry on the proposal: nothing else changes. */
    async closeProposal(input: {
      workflowId: string;
      proposal: PromotionProposal;
      expiresAt: string;
      status: 'declined' | 'expired';
      by: string;
      reason?: string;
      detail: string;
    }): Promise<void> {
      await closePromotion(deps.db, {
        ...record(input.workflowId, input.proposal, input.expiresAt),
        status: input.status,
        by: input.by,
        ...(input.reason ? { reason: input.reason } : {}),
        decidedAt: now().toISOString(),
        detail: input.detail,
      });
    },

    /**
     * A confirmation: re-checks that the rule is still the version, at the level, the proposal was made for (and
     * still meets its bar), then records the promotion through promoteRule, the same path as `adops rules promote`.
     * A retry finds its promotion recorded and returns it. What no longer holds is returned as `withdrawn`, recorded.
     */
    async confirmPromotion(input: {
      workflowId: string;
      proposal: PromotionProposal;
      expiresAt: string;
      by: string;
      reason?: string;
    }): Promise<ConfirmResult> {
      const { workflowId, proposal } = input;
      const config = deps.loadConfig();
      let result: ConfirmResult;
      if (!findRule(loadRules(config), proposal.ruleId)) {
        result = {
          status: 'withdrawn',
          level: proposal.from,
          detail: `Not promoted: ${proposal.ruleId} is no longer in config/rules.yaml`,
        };
      } else {
        try {
          const { change, level } = await promoteRule(
            deps.db,
            config,
            proposal.ruleId,
            { by: input.by, reason: input.reason ?? '', to: proposal.to, proposal: { workflowId, proposal } },
            now(),
          );
          result = change
            ? { status: 'promoted', level: change.to, change, detail: promotedDetail(change, workflowId) }
            : { status: 'withdrawn', level: proposal.from, detail: `Not promoted: ${proposal.ruleId} is at ${level}` };
        } catch (err) {
          if (!(err instanceof PromotionError)) throw err;
          result = { status: 'withdrawn', level: proposal.from, detail: err.message };
        }
      }
      await closePromotion(deps.db, {
        ...record(workflowId, proposal, input.expiresAt),
        status: result.status,
        by: input.by,
        ...(input.reason ? { reason: input.reason } : {}),
        decidedAt: now().toISOString(),
        detail: result.detail,
      });
      log.info('promotion decided', { workflowId, status: result.status, by: input.by });
      return result;
    },
  };
}

function promotedDetail(change: LevelChange, workflowId: string): string {
  // Recorded by another path before this confirmation: `adops rules promote` got there first.
  const earlier = change.proposal === workflowId ? '' : ' (recorded already, through adops rules promote)';
  return `Promoted ${change.from} → ${change.to} by ${change.by} at ${change.at}${earlier}: ${change.reason}. Plans are made at ${change.to} from the next run.`;
}
