import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/domain/workflow-input';
import { promotionMarkdown } from '../../../src/domain/rebalance/promotion-markdown';
import {
  checkProposal,
  parsePromotionProposal,
  promotionWorkflowId,
  proposalFor,
  type PromotionProposal,
  type PromotionRecord,
  type PromotionState,
} from '../../../src/domain/rebalance/promotion-proposal';
import { proposalDecisions } from '../../../src/domain/rebalance/proposal-decisions';
import { assessRule, type LevelChange, type RuleEvidence } from '../../../src/domain/rebalance/rule-level';
import { ruleStatsText } from '../../../src/domain/rebalance/rule-stats-text';
import type { PlanRecord } from '../../../src/domain/rebalance/plan-record';
import { BAR, keys, outcome, plan } from './trust-fixture';

/** 4 decisions at ≥ 75%, 2 outcomes at ≥ 50%, a window of 4; proposals wait 3 days. */
const SMALL = {
  ...BAR,
  minDecisions: 4,
  minAgreementPct: 75,
  minOutcomes: 2,
  minCalibrationPct: 50,
  recentDecisions: 4,
  proposalExpiresAfter: 3 * 86_400_000,
};
const AT = '2026-03-02T00:00:00.000Z';

const evidence = (plans: PlanRecord[], configLevel: 'shadow' | 'approve' | 'auto' = 'approve'): RuleEvidence => ({
  ruleId: 'r1',
  ruleVersion: 'v1',
  configLevel,
  decisions: plans.flatMap(proposalDecisions),
  // P1 a in its band, P1 b out of it: calibration 1 of 2 = 50%.
  outcomes: [
    outcome('P1', 'a', 'approve', { realised: 1, predicted: 1, low: 0.5, high: 1.5 }),
    outcome('P1', 'b', 'approve', { realised: -2, predicted: 1, low: 0.5, high: 1.5 }),
  ],
  changes: [],
});

// P1 (a, b, c) and P2 (a) approved whole: 4 decided, 4 unchanged → agreement 100%.
const approvedWhole = [
  plan('P1', 'approve', ['a', 'b', 'c'], 'applied', { verdict: 'approved', approvedKeys: keys('a', 'b', 'c') }),
  plan('P2', 'approve', ['a'], 'applied', { verdict: 'approved', approvedKeys: keys('a') }, '2026-03-01T02:00:00.000Z'),
];

const PROPOSAL: PromotionProposal = {
  ruleId: 'r1',
  ruleVersion: 'v1',
  advertiserId: 'adv',
  from: 'approve',
  to: 'auto',
  changes: 0,
  figures: { recorded: 0, decided: 4, agreementPct: 100, outcomes: 2, calibrationPct: 50 },
  bar: SMALL,
  proposedAt: AT,
  expiresAfterMs: 3 * 86_400_000,
};

const change = (over: Partial<LevelChange>): LevelChange => ({
  id: 'promote|r1|v1|0',
  ruleId: 'r1',
  ruleVersion: 'v1',
  kind: 'promotion',
  from: 'approve',
  to: 'auto',
  by: 'kim',
  reason: 'bar met',
  at: '2026-03-03T00:00:00.000Z',
  seq: 0,
  figures: { decided: 4, agreementPct: 100, outcomes: 2, calibrationPct: 50 },
  evidence: '-',
  ...over,
});

describe('a promotion proposal', () => {
  it('is made when the bar is met, with the figures at the level and the bar’s expiry', () => {
    const a = assessRule(evidence(approvedWhole), SMALL);
    expect(proposalFor(a, SMALL, 0, 'adv', AT)).toEqual(PROPOSAL);
    expect(promotionWorkflowId(PROPOSAL)).toBe('promote:r1:v1:approve-auto:0');
    // After two level changes of the version (a promotion and a demotion back), the same step is a new proposal.
    expect(promotionWorkflowId({ ...PROPOSAL, changes: 2 })).toBe('promote:r1:v1:approve-auto:2');
  });

  it('is not made below the bar, nor at the top of the ladder', () => {
    // P2 alone: 1 decision, fewer than 4.
    expect(proposalFor(assessRule(evidence(approvedWhole.slice(1)), SMALL), SMALL, 0, 'adv', AT)).toBeNull();
    expect(proposalFor(assessRule(evidence(approvedWhole, 'auto'), SMALL), SMALL, 0, 'adv', AT)).toBeNull();
  });

  it('leaves shadow on proposals recorded, and says so in the Web UI', () => {
    const shadow = [plan('S1', 'shadow', ['a', 'b', 'c', 'd'], 'shadow')];
    const p = proposalFor(assessRule(evidence(shadow, 'shadow'), SMALL), SMALL, 0, 'adv', AT);
    expect(p).toMatchObject({ from: 'shadow', to: 'approve', figures: { recorded: 4, decided: 0 } });
    const text = promotionMarkdown({
      phase: 'awaiting_confirmation',
      status: 'proposed',
      workflowId: 'w',
      proposal: p!,
      expiresAt: '2026-03-05T00:00:00.000Z',
      level: 'shadow',
    });
    expect(text).toContain('| proposals recorded in shadow plans | 4 | ≥ 4 |');
    expect(text).not.toContain('agreement');
  });
});

describe('rulePromotion input', () => {
  // Rule versions are 12 hex digits (config/rules.ts ruleVersion).
  const INPUT = { ...PROPOSAL, ruleVersion: '0a1b2c3d4e5f' };

  it('takes a proposal as rebalanceBudgets makes it', () => {
    expect(parsePromotionProposal(structuredClone(INPUT))).toEqual(INPUT);
  });

  it.each([
    [{ to: 'approve' }, 'to: a promotion moves one level up, from approve to auto, got "approve"'],
    [
      { from: 'auto', to: 'auto' },
      'to: a promotion moves one level up, from auto to nothing (auto is the top), got "auto"',
    ],
    [{ from: 'top' }, 'from: expected one of shadow, approve, auto, got "top"'],
    [{ expiresAfterMs: 5_000 }, 'expiresAfterMs: expected milliseconds from 10 s to 28 days, got 5000'],
    [{ changes: -1 }, 'changes: expected the count of level changes before the proposal, got -1'],
    [{ ruleId: 'R 1' }, 'ruleId: expected a rule id from config/rules.yaml, got "R 1"'],
    [
      { figures: { decided: 4, outcomes: 2, agreementPct: 140, calibrationPct: null } },
      'figures.agreementPct: expected a percent or null, got 140',
    ],
    [{ bar: { ...SMALL, minDecisions: 'many' } }, 'bar.minDecisions: expected a number ≥ 0, got "many"'],
    [
      { extra: true },
      'extra: unknown field (allowed: ruleId, ruleVersion, advertiserId, from, to, changes, figures, bar, proposedAt, expiresAfterMs)',
    ],
  ])('refuses %j, naming the field', (over, problem) => {
    let error: unknown;
    try {
      parsePromotionProposal({ ...INPUT, ...over });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([problem]);
  });
});

describe('a proposal checked again when it is confirmed', () => {
  it('still holds: same version, same level, no change since', () => {
    expect(checkProposal(PROPOSAL, { ruleVersion: 'v1', level: 'approve', changes: [] })).toEqual({});
  });

  it('is stale once the rule was edited (a new version starts from config)', () => {
    expect(checkProposal(PROPOSAL, { ruleVersion: 'v2', level: 'approve', changes: [] })).toEqual({
      stale: 'r1 was edited since the proposal (version v1 → v2); an edited rule starts again from its level in config',
    });
  });

  it('is stale once the level changed since', () => {
    const demoted = change({ id: 'demote|r1|approve|x', kind: 'demotion', to: 'shadow', by: 'automatic' });
    expect(checkProposal(PROPOSAL, { ruleVersion: 'v1', level: 'shadow', changes: [demoted] })).toEqual({
      stale:
        'r1 changed level since the proposal (demotion approve → shadow by automatic at 2026-03-03T00:00:00.000Z); it is at shadow now',
    });
  });

  it('finds its own promotion recorded (a retried confirmation, or adops rules promote first)', () => {
    const promoted = change({});
    expect(checkProposal(PROPOSAL, { ruleVersion: 'v1', level: 'auto', changes: [promoted] })).toEqual({
      recorded: promoted,
    });
  });
});

describe('what the Web UI and adops rules stats show', () => {
  const waiting: PromotionState = {
    phase: 'awaiting_confirmation',
    status: 'proposed',
    workflowId: 'promote:r1:v1:approve-auto:0',
    proposal: PROPOSAL,
    expiresAt: '2026-03-05T00:00:00.000Z',
    level: 'approve',
  };

  it('a waiting proposal: the figures against the bar, the expiry and the exact Update', () => {
    const text = promotionMarkdown(waiting);
    expect(text).toContain('**Promotion proposed: r1 approve → auto** · adv · rule version v1');
    expect(text).toContain('**expires 2026-03-05T00:00:00.000Z** unless confirmed');
    expect(text).toContain('| proposals decided by an AE | 4 | ≥ 4 |');
    expect(text).toContain('| agreement (approved unchanged ÷ decided) | 100% | ≥ 75% |');
    expect(text).toContain('| realised outcomes measured | 2 | ≥ 2 |');
    expect(text).toContain('| calibration (outcomes inside the predicted band) | 50% | ≥ 50% |');
    expect(text).toContain('Update name `decidePromotion`, input `{"confirm": true, "by": "<your name>"}`');
    expect(text).toContain('`{"confirm": false, "by": "<your name>", "reason": "<why>"}`');
    expect(text).toContain('`bin/adops rules confirm r1 --by <name>`');
  });

  it('a decided proposal: who decided, and what came of it; no Update to send any more', () => {
    const text = promotionMarkdown({
      ...waiting,
      phase: 'done',
      status: 'declined',
      decision: { confirm: false, by: 'lee', reason: 'promo month', at: '2026-03-03T00:00:00.000Z' },
      detail: 'r1 stays at approve',
    });
    expect(text).toContain('**Promotion declined: r1 approve → auto**');
    expect(text).toContain('Declined by lee at 2026-03-03T00:00:00.000Z: promo month.');
    expect(text).toContain('**r1 stays at approve**');
    expect(text).not.toContain('To confirm');
  });

  it('adops rules stats: the step’s proposal (none yet, waiting, declined) and every proposal of the version', () => {
    const a = assessRule(evidence(approvedWhole), SMALL);
    const record: PromotionRecord = {
      workflowId: 'promote:r1:v1:approve-auto:0',
      ruleId: 'r1',
      ruleVersion: 'v1',
      advertiserId: 'adv',
      from: 'approve',
      to: 'auto',
      changes: 0,
      figures: PROPOSAL.figures,
      proposedAt: AT,
      expiresAt: '2026-03-05T00:00:00.000Z',
      status: 'proposed',
    };
    expect(ruleStatsText(a, SMALL)).toContain(
      'PROPOSED for promotion to auto: the bar is met; the next rebalance run proposes it in the Web UI',
    );
    expect(ruleStatsText(a, SMALL, { all: [record], step: record })).toContain(
      'PROPOSED for promotion to auto: the bar is met; waiting for an engineer in workflow promote:r1:v1:approve-auto:0 until 2026-03-05T00:00:00.000Z: adops rules confirm r1 --by <name>',
    );
    const declined: PromotionRecord = {
      ...record,
      status: 'declined',
      by: 'lee',
      reason: 'promo month',
      decidedAt: '2026-03-03T00:00:00.000Z',
    };
    const text = ruleStatsText(a, SMALL, { all: [declined], step: declined });
    expect(text).toContain(
      'PROPOSED for promotion to auto: the bar is met; its proposal approve → auto declined by lee at 2026-03-03T00:00:00.000Z: promo month; not proposed again at this level of this version (adops rules promote r1',
    );
    expect(text).toContain(
      '  proposal promote:r1:v1:approve-auto:0: approve → auto declined by lee at 2026-03-03T00:00:00.000Z: promo month',
    );
    const expired: PromotionRecord = {
      ...record,
      status: 'expired',
      by: 'nobody',
      decidedAt: '2026-03-05T00:00:01.000Z',
    };
    expect(ruleStatsText(a, SMALL, { all: [expired], step: expired })).toContain(
      'proposal promote:r1:v1:approve-auto:0: approve → auto expired unanswered at 2026-03-05T00:00:00.000Z',
    );
  });
});
