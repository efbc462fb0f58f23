import type { Command } from 'commander';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Db } from 'mongodb';
import { assess, promoteRule, selectRules } from '../activities/rule-level';
import { loadConfig, type EngineConfig } from '../config/load';
import type { PromotionDecisionInput } from '../domain/rebalance/promotion-decision';
import { promotionWorkflowId, type PromotionState } from '../domain/rebalance/promotion-proposal';
import type { RuleAssessment } from '../domain/rebalance/rule-level';
import { ruleStatsText, type ProposalsSeen } from '../domain/rebalance/rule-stats-text';
import type { PromotionBar } from '../domain/rebalance/rule-stats';
import { findPromotion, promotionsOfRule } from '../storage/promotion-store';
import { connectClient } from '../temporal/connection';
import { withPlans } from './approve';

/**
 * Each rule's (or one rule's) figures, promotion verdict and promotion proposals; new outcomes whose days have settled
 * are stored first.
 */
export async function ruleAssessments(
  db: Db,
  config: EngineConfig,
  ruleId?: string,
): Promise<Array<{ assessment: RuleAssessment; bar: PromotionBar; proposals: ProposalsSeen }>> {
  const { rules, bars } = selectRules(config, ruleId);
  const out = [];
  for (const rule of rules) {
    const bar = bars.get(rule.id) as PromotionBar;
    const { evidence, assessment } = await assess(db, config, rule, bar);
    const to = assessment.promotion.to;
    const step = to
      ? await findPromotion(
          db,
          promotionWorkflowId({ ...assessment, from: assessment.level, to, changes: evidence.changes.length }),
        )
      : null;
    const all = (await promotionsOfRule(db, rule.id)).filter((p) => p.ruleVersion === assessment.ruleVersion);
    out.push({ assessment, bar, proposals: { all, step } });
  }
  return out;
}

/** The rule's open promotion proposal (the latest, if ever more than one), or a clear error. */
async function openProposal(db: Db, ruleId: string): Promise<string> {
  const open = (await promotionsOfRule(db, ruleId)).filter((p) => p.status === 'proposed').at(-1);
  if (!open)
    throw new Error(
      `no promotion proposal of ${ruleId} is waiting; \`adops rules stats --rule ${ruleId}\` says whether the bar is met and what became of its proposals (adops rules promote promotes without one)`,
    );
  return open.workflowId;
}

/**
 * Sends the `decidePromotion` Update, the one the Web UI sends, to a rule's open proposal (or the one named) and
 * returns what came of it. A refused decision (malformed, or the proposal already decided) throws with the validator's
 * message; nothing is recorded then.
 */
export async function decidePromotion(workflowId: string, decision: PromotionDecisionInput): Promise<PromotionState> {
  const { client, connection } = await connectClient();
  try {
    return await client.workflow
      .getHandle(workflowId)
      .executeUpdate<PromotionState, [PromotionDecisionInput]>('decidePromotion', { args: [decision] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError)
      throw new Error(`refused: ${(err.cause as Error | undefined)?.message ?? err.message}`);
    if (err instanceof WorkflowNotFoundError)
      throw new Error(`${workflowId} is not waiting for a decision (closed or unknown): see adops rules stats`);
    throw err;
  } finally {
    await connection.close();
  }
}

/** `adops rules stats`, `promote` and `confirm`: measured trust per rule, and promotion on confirmation. */
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
      else console.log(results.map((r) => ruleStatsText(r.assessment, r.bar, r.proposals)).join('\n\n') || 'no rules');
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
  rules
    .command('confirm')
    .description('confirm (or --decline) a proposed promotion: the decidePromotion Update the Web UI sends')
    .argument('[ruleId]', 'the rule whose waiting proposal to answer')
    .option('--workflow <id>', 'the rulePromotion workflow to answer (instead of a rule id)')
    .requiredOption('--by <name>', 'who decides')
    .option('--decline', 'decline the promotion (needs --reason); the rule stays where it is')
    .option('--reason <text>', 'why (kept with the decision)')
    .action(
      async (
        ruleId: string | undefined,
        opts: { workflow?: string; by: string; decline?: boolean; reason?: string },
      ) => {
        if (!ruleId && !opts.workflow)
          throw new Error('name the rule (adops rules confirm <ruleId>) or --workflow <id>');
        const workflowId = opts.workflow ?? (await withPlans((db) => openProposal(db, ruleId as string)));
        const state = await decidePromotion(workflowId, {
          confirm: !opts.decline,
          by: opts.by,
          ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
        });
        const line = `${state.proposal.ruleId} ${state.proposal.from} → ${state.proposal.to}: ${state.status}. ${state.detail ?? ''}`;
        // A confirmation that found the proposal no longer true promoted nothing: say so with a failing exit code.
        if (state.status === 'withdrawn') throw new Error(line);
        console.log(line);
      },
    );
}
