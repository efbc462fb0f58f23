import { describe, expect, it } from 'vitest';
import { proposalDecisions } from '../../../src/domain/rebalance/proposal-decisions';
import {
  assessRule,
  demotionChange,
  PromotionError,
  promotionChange,
  type LevelChange,
  type RuleEvidence,
} from '../../../src/domain/rebalance/rule-level';
import type { PlanRecord } from '../../../src/domain/rebalance/plan-record';
import type { OutcomeRecord } from '../../../src/domain/rebalance/outcome';
import { BAR, keys, outcome, plan } from './trust-fixture';

/** A small bar so fixtures stay short: 4 decisions at ≥ 75%, 2 outcomes at ≥ 50%, a window of the last 4. */
const SMALL = {
  ...BAR,
  minDecisions: 4,
  minAgreementPct: 75,
  minOutcomes: 2,
  minCalibrationPct: 50,
  recentDecisions: 4,
};

const evidence = (
  plans: PlanRecord[],
  outcomes: OutcomeRecord[] = [],
  changes: LevelChange[] = [],
  configLevel: 'shadow' | 'approve' | 'auto' = 'approve',
): RuleEvidence => ({
  ruleId: 'r1',
  ruleVersion: 'v1',
  configLevel,
  decisions: plans.flatMap(proposalDecisions),
  outcomes,
  changes,
});

const change = (kind: 'promotion' | 'demotion', from: string, to: string, at: string, seq: number, version = 'v1') =>
  ({
    id: `${kind}-${seq}`,
    ruleId: 'r1',
    ruleVersion: version,
    kind,
    from,
    to,
    by: kind === 'promotion' ? 'kim' : 'automatic',
    reason: kind === 'promotion' ? 'bar met' : 'recent agreement fell',
    at,
    seq,
    figures: { decided: 0, agreementPct: null, outcomes: 0, calibrationPct: null },
    evidence: '-',
  }) as LevelChange;

// At approve: P1 (a, b, c) and P2 (a) approved whole → 4 decided, 4 unchanged, agreement 100% ≥ 75%;
// 2 outcomes, one in its band → calibration 50% ≥ 50%; recent window of 4: 0 disagreed, 1 of 2 outcomes missed →
// best reachable (4 − 1) / 4 = 75% ≥ 50%. The bar is met.
const approvedWhole = [
  plan('P1', 'approve', ['a', 'b', 'c'], 'applied', { verdict: 'approved', approvedKeys: keys('a', 'b', 'c') }),
  plan('P2', 'approve', ['a'], 'applied', { verdict: 'approved', approvedKeys: keys('a') }, '2026-03-01T02:00:00.000Z'),
];
const twoOutcomes = [
  outcome('P1', 'a', 'approve', { realised: 1, predicted: 1, low: 0.5, high: 1.5 }),
  outcome('P1', 'b', 'approve', { realised: -2, predicted: 1, low: 0.5, high: 1.5 }),
];

describe('promotion needs the bar and a confirmation', () => {
  it('proposes approve → auto when the bar is met, and records who confirmed it', () => {
    const a = assessRule(evidence(approvedWhole, twoOutcomes), SMALL);
    expect(a.level).toBe('approve');
    expect(a.promotion).toEqual({ to: 'auto', met: true, missing: [] });
    expect(a.demotion).toBeNull();
    const c = promotionChange(a, { by: 'kim', reason: 'four clean weeks' }, 0, '2026-03-02T00:00:00.000Z');
    expect(c).toMatchObject({
      id: 'promote|r1|v1|0',
      kind: 'promotion',
      from: 'approve',
      to: 'auto',
      by: 'kim',
      reason: 'four clean weeks',
      figures: { decided: 4, agreementPct: 100, outcomes: 2, calibrationPct: 50 },
    });
    expect(c.forced).toBeUndefined();
  });

  it('is refused with what is missing when the bar is not met, unless forced with a reason', () => {
    // The same four decisions (100%), but one outcome only: 1 < 2.
    const thin = assessRule(evidence(approvedWhole, twoOutcomes.slice(0, 1)), SMALL);
    expect(thin.promotion.met).toBe(false);
    expect(thin.promotion.missing).toEqual(['1 realised outcomes, fewer than 2']);
    expect(() => promotionChange(thin, { by: 'kim' }, 0, 't')).toThrow(PromotionError);
    expect(() => promotionChange(thin, { by: 'kim' }, 0, 't')).toThrow(/does not meet the bar for approve → auto/);
    expect(() => promotionChange(thin, { by: 'kim', force: true }, 0, 't')).toThrow(/--force needs --reason/);
    expect(promotionChange(thin, { by: 'kim', force: true, reason: 'client asked' }, 0, 't')).toMatchObject({
      to: 'auto',
      forced: true,
    });
    expect(() => promotionChange(thin, { by: ' ', force: true, reason: 'x' }, 0, 't')).toThrow(/--by/);
  });

  it('leaves shadow on enough recorded proposals, and nothing is above auto', () => {
    const shadow = [plan('S1', 'shadow', ['a', 'b', 'c'], 'shadow')];
    expect(assessRule(evidence(shadow, [], [], 'shadow'), SMALL).promotion).toEqual({
      to: 'approve',
      met: false,
      missing: ['3 proposals recorded in shadow, fewer than 4'],
    });
    const four = [...shadow, plan('S2', 'shadow', ['a'], 'shadow')];
    expect(assessRule(evidence(four, [], [], 'shadow'), SMALL).promotion.met).toBe(true);
    const top = assessRule(evidence([], [], [], 'auto'), SMALL);
    expect(() => promotionChange(top, { by: 'kim' }, 0, 't')).toThrow(/already at auto, the top of the ladder/);
  });

  it('the effective level is config moved by this version’s changes only', () => {
    const promoted = change('promotion', 'approve', 'auto', '2026-03-02T00:00:00.000Z', 0);
    const otherVersion = change('demotion', 'auto', 'approve', '2026-03-03T00:00:00.000Z', 1, 'v0');
    const a = assessRule(evidence([], [], [promoted, otherVersion]), SMALL);
    expect(a.level).toBe('auto');
    expect(a.note).toBe('promoted by kim approve → auto at 2026-03-02T00:00:00.000Z (config says approve): bar met');
    expect(assessRule(evidence([], [], [otherVersion]), SMALL).level).toBe('approve');
  });
});

describe('demotion happens by itself', () => {
  // Ladder: promoted to auto 03-02, demoted 03-03, promoted again 03-05. Q0 (rejected at auto, 03-02 noon) belongs to
  // the first stint and no longer counts. Ceiling plans at auto since 03-05: Q1 rejected, Q2 approved whole.
  const ladder = [
    change('promotion', 'approve', 'auto', '2026-03-02T00:00:00.000Z', 0),
    change('demotion', 'auto', 'approve', '2026-03-03T00:00:00.000Z', 1),
    change('promotion', 'approve', 'auto', '2026-03-05T00:00:00.000Z', 2),
  ];
  const reason = { verdict: 'rejected' as const, approvedKeys: [] };
  const q0 = plan('Q0', 'auto', ['a'], 'rejected', reason, '2026-03-02T12:00:00.000Z');
  const q1 = plan('Q1', 'auto', ['a'], 'rejected', reason, '2026-03-06T00:00:00.000Z');
  const q2 = plan(
    'Q2',
    'auto',
    ['a'],
    'applied',
    { verdict: 'approved', approvedKeys: keys('a') },
    '2026-03-07T00:00:00.000Z',
  );
  const q3 = plan('Q3', 'auto', ['a'], 'rejected', reason, '2026-03-08T00:00:00.000Z');

  it('not while the window can still reach the bar: 1 disagreement of 2 → at best 3 / 4 = 75%', () => {
    const a = assessRule(evidence([...approvedWhole, q0, q1, q2], [], ladder), SMALL);
    expect(a.level).toBe('auto');
    expect(a.recent).toMatchObject({ decided: 2, disagreed: 1, agreementPct: 75 });
    expect(a.demotion).toBeNull();
  });

  it('once it cannot: 2 disagreements → at best 2 / 4 = 50% < 75%, one step down, keyed by its evidence', () => {
    const a = assessRule(evidence([...approvedWhole, q0, q1, q2, q3], [], ladder), SMALL);
    expect(a.demotion).toEqual({
      to: 'approve',
      why: 'recent agreement 50% is below 75% (2 of the last 3 decided proposals not approved unchanged, window 4)',
    });
    const d = demotionChange(a, 3, '2026-03-09T00:00:00.000Z') as LevelChange;
    expect(d).toMatchObject({
      id: 'demote|r1|auto|v1:d3@Q3#naver|acc|campaign|a/o0@-',
      kind: 'demotion',
      from: 'auto',
      to: 'approve',
      by: 'automatic',
      seq: 3,
      figures: { decided: 3, agreementPct: 50, outcomes: 0, calibrationPct: null },
    });
    // The same evidence gives the same key (stored once); one more decision is new evidence.
    expect(
      demotionChange(assessRule(evidence([...approvedWhole, q0, q1, q2, q3], [], ladder), SMALL), 3, 'later')?.id,
    ).toBe(d.id);
    const q4 = plan('Q4', 'auto', ['a'], 'rejected', reason, '2026-03-08T01:00:00.000Z');
    expect(
      demotionChange(assessRule(evidence([...approvedWhole, q0, q1, q2, q3, q4], [], ladder), SMALL), 3, 't')?.id,
    ).not.toBe(d.id);
    // Recorded, it moves the rule down; evidence at approve before the demotion was judged already: no second step.
    const after = assessRule(evidence([...approvedWhole, q0, q1, q2, q3], [], [...ladder, d]), SMALL);
    expect(after.level).toBe('approve');
    expect(after.note).toMatch(
      /^demoted automatically auto → approve at 2026-03-09T00:00:00.000Z .*recent agreement 50%/,
    );
    expect(after.demotion).toBeNull();
  });

  it('on calibration too: 2 outcomes outside the band in a window of 4 → at best 50% < 80%', () => {
    const bar = { ...SMALL, minCalibrationPct: 80 };
    const misses = [
      outcome('Q2', 'a', 'auto', { realised: -3, predicted: 1, low: 0.5, high: 1.5 }, '2026-03-07T00:00:00.000Z'),
      outcome('Q2', 'b', 'auto', { realised: 5, predicted: 1, low: 0.5, high: 1.5 }, '2026-03-07T00:00:00.000Z'),
    ];
    const a = assessRule(evidence([q2], misses, ladder), bar);
    expect(a.recent).toMatchObject({ outcomes: 2, missed: 2, calibrationPct: 50 });
    expect(a.demotion?.to).toBe('approve');
    expect(a.demotion?.why).toMatch(/^recent calibration 50% is below 80% \(2 of the last 2 realised outcomes/);
    // One miss of one: at best 3 / 4 = 75% < 80% as well; at a bar of 75% it holds.
    expect(
      assessRule(evidence([q2], misses.slice(0, 1), ladder), { ...bar, minCalibrationPct: 75 }).demotion,
    ).toBeNull();
  });

  it('shadow is the bottom: never demoted', () => {
    const recorded = plan('R1', 'shadow', ['a'], 'shadow');
    expect(assessRule(evidence([recorded], [], [], 'shadow'), SMALL).demotion).toBeNull();
  });
});
