import {
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CoreActivities } from '../activities';
import {
  parsePromotionDecision,
  PromotionDecisionError,
  type PromotionDecisionInput,
} from '../domain/rebalance/promotion-decision';
import { promotionMarkdown } from '../domain/rebalance/promotion-markdown';
import { parsePromotionProposal, type PromotionProposal } from '../domain/rebalance/promotion-proposal';
import { parseOrFail } from './failures';
import { decidePromotionUpdate, promotionQuery, type PromotionState } from './messages';

const { recordProposal, closeProposal, confirmPromotion } = proxyActivities<CoreActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: ['InvalidWorkflowInput', 'ConfigError'] },
});

/**
 * A promotion the engine proposes (rebalanceBudgets starts it when a rule meets its bar): it shows the evidence and
 * the Update to send in the Web UI's current details, and waits for an engineer's `decidePromotion` Update. Confirmed,
 * the promotion is recorded in rule_levels after the rule is checked again (confirmPromotion); declined, or expired
 * after the bar's proposalExpiresAfter, nothing changes but the proposal's record.
 */
export async function rulePromotion(rawInput: PromotionProposal): Promise<PromotionState> {
  const proposal = parseOrFail(() => parsePromotionProposal(rawInput));
  const { workflowId } = workflowInfo();
  const state: PromotionState = {
    phase: 'awaiting_confirmation',
    status: 'proposed',
    workflowId,
    proposal,
    expiresAt: new Date(Date.now() + proposal.expiresAfterMs).toISOString(),
    level: proposal.from,
  };
  let decision: PromotionDecisionInput | undefined;
  const show = () => setCurrentDetails(promotionMarkdown(state));

  setHandler(promotionQuery, () => state, { description: 'The proposal, its evidence against the bar and its state' });
  setHandler(
    decidePromotionUpdate,
    async (arg) => {
      decision = parsePromotionDecision(arg);
      // Answer once the decision is recorded: the caller sees the level it led to, or why nothing changed.
      await condition(() => state.phase === 'done');
      return state;
    },
    {
      validator: (arg) => {
        // Only the first decision counts; later ones are refused before they are accepted, like malformed ones.
        if (state.phase !== 'awaiting_confirmation' || decision !== undefined)
          throw new Error(
            `Invalid promotion decision: this proposal is ${state.phase === 'done' ? state.status : 'being decided'} already${state.decision ? ` (by ${state.decision.by})` : ''}`,
          );
        try {
          parsePromotionDecision(arg);
        } catch (err) {
          // The validator's message is what the Web UI and `adops rules confirm` show; nothing enters history.
          if (err instanceof PromotionDecisionError) throw new Error(err.message);
          throw err;
        }
      },
      description: `Confirm or decline the promotion: {"confirm": true, "by": "name"} or {"confirm": false, "by": "name", "reason": "why"}`,
    },
  );
  show();

  const base = { workflowId, proposal, expiresAt: state.expiresAt };
  await recordProposal(base);
  log.info('promotion proposed', { ruleId: proposal.ruleId, from: proposal.from, to: proposal.to });

  const decided = await condition(() => decision !== undefined, proposal.expiresAfterMs);
  state.phase = 'recording';
  if (decided && decision) {
    state.decision = { ...decision, at: new Date().toISOString() };
  }
  show();
  if (!decided || !decision) {
    state.status = 'expired';
    state.detail = `Nobody confirmed or declined it before ${state.expiresAt}; ${proposal.ruleId} stays at ${proposal.from}.`;
    await closeProposal({ ...base, status: 'expired', by: 'nobody', detail: state.detail });
  } else if (!decision.confirm) {
    state.status = 'declined';
    state.detail = `${proposal.ruleId} stays at ${proposal.from}; this step of this rule version is not proposed again (adops rules promote can still promote it).`;
    await closeProposal({
      ...base,
      status: 'declined',
      by: decision.by,
      ...(decision.reason ? { reason: decision.reason } : {}),
      detail: state.detail,
    });
  } else {
    const confirmed = await confirmPromotion({
      ...base,
      by: decision.by,
      ...(decision.reason ? { reason: decision.reason } : {}),
    });
    state.status = confirmed.status;
    state.level = confirmed.level;
    state.detail = confirmed.detail;
    if (confirmed.change) state.change = confirmed.change;
  }
  state.phase = 'done';
  show();
  log.info('promotion closed', { ruleId: proposal.ruleId, status: state.status, by: state.decision?.by });
  await condition(allHandlersFinished);
  return state;
}
