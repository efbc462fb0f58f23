import { describe, expect, it } from 'vitest';
import { measureOutcome } from '../../../src/domain/rebalance/outcome';
import { proposalDecisions } from '../../../src/domain/rebalance/proposal-decisions';
import { ruleStats } from '../../../src/domain/rebalance/rule-stats';
import { keys, outcome, plan, proposal } from './trust-fixture';

/**
 * One rule's stored plans and outcomes, and the figures `adops rules stats` must show for them, computed by hand:
 *
 * approve level
 *   P1 approved whole (a, b, c)            → 3 approved unchanged
 *   P2 approved with only [a] of (a, b)    → a approved in part, b rejected (left out)
 *   P3 rejected (a, b)                     → 2 rejected
 *   P4 expired (a)                         → 1 expired (nobody decided: not in "decided")
 *   P7 still waiting (a)                   → nothing yet
 *   decided = 3 + 1 + 1 + 2 = 7; unchanged = 3; agreement = 3 / 7 = 42.857… → 42.9%
 *   outcomes: o1 +2 in [1, 3] (in), o2 −1 in [0, 2] (out), o3 +0.5 in [0, 1] (in), o4 +1000 KRW in [500, 1500] (in)
 *   calibration = 3 / 4 = 75%; conversions realised 2 − 1 + 0.5 = 1.5 against predicted 2 + 1 + 0.5 = 3.5;
 *   revenue KRW realised 1000 against 900
 * auto level
 *   P5 automatic (a, b)                    → 2 automatic, 0 decided, agreement none
 *   o5 +1 in [0.5, 1.5] (in)               → calibration 1 / 1 = 100%
 * shadow level
 *   P6 shadow (a, b, c)                    → 3 recorded
 * not counted at all: a revert plan (it undoes a plan, it proposes nothing), a dry run, an empty plan.
 */
const plans = [
  plan('P1', 'approve', ['a', 'b', 'c'], 'applied', { verdict: 'approved', approvedKeys: keys('a', 'b', 'c') }),
  plan('P2', 'approve', ['a', 'b'], 'applied', { verdict: 'approved', approvedKeys: keys('a') }),
  plan('P3', 'approve', ['a', 'b'], 'rejected', { verdict: 'rejected', approvedKeys: [] }),
  plan('P4', 'approve', ['a'], 'expired', { verdict: 'expired', approvedKeys: [] }),
  plan('P5', 'auto', ['a', 'b'], 'applied', { verdict: 'automatic', approvedKeys: keys('a', 'b') }),
  plan('P6', 'shadow', ['a', 'b', 'c'], 'shadow'),
  plan('P7', 'approve', ['a'], 'awaiting_approval'),
  plan('revert-P1-1234', 'approve', ['a', 'b', 'c'], 'applied', {
    verdict: 'approved',
    approvedKeys: keys('a', 'b', 'c'),
  }),
  plan('P8', 'approve', ['a'], 'dry_run'),
  plan('P9', 'approve', [], 'empty'),
];
const outcomes = [
  outcome('P1', 'a', 'approve', { realised: 2, predicted: 2, low: 1, high: 3 }),
  outcome('P1', 'b', 'approve', { realised: -1, predicted: 1, low: 0, high: 2 }),
  outcome('P1', 'c', 'approve', { realised: 0.5, predicted: 0.5, low: 0, high: 1 }),
  outcome('P2', 'a', 'approve', { realised: 1000, predicted: 900, low: 500, high: 1500, unit: 'revenue KRW' }),
  outcome('P5', 'a', 'auto', { realised: 1, predicted: 1, low: 0.5, high: 1.5 }),
];

describe('rule stats from recorded decisions', () => {
  it('derives each proposal’s decision from its plan', () => {
    const verdicts = plans.flatMap(proposalDecisions).map((d) => `${d.planId}:${d.key.split('|')[3]}:${d.verdict}`);
    expect(verdicts).toEqual([
      'P1:a:approved_unchanged',
      'P1:b:approved_unchanged',
      'P1:c:approved_unchanged',
      'P2:a:approved_in_part',
      'P2:b:rejected',
      'P3:a:rejected',
      'P3:b:rejected',
      'P4:a:expired',
      'P5:a:automatic',
      'P5:b:automatic',
      'P6:a:recorded',
      'P6:b:recorded',
      'P6:c:recorded',
    ]);
  });

  it('matches the hand-computed figures per level', () => {
    const stats = ruleStats(plans.flatMap(proposalDecisions), outcomes);
    expect(stats).toEqual([
      {
        level: 'shadow',
        recorded: 3,
        decided: 0,
        approvedUnchanged: 0,
        approvedInPart: 0,
        rejected: 0,
        expired: 0,
        automatic: 0,
        agreementPct: null,
        outcomes: 0,
        inBand: 0,
        calibrationPct: null,
        gain: [],
      },
      {
        level: 'approve',
        recorded: 0,
        decided: 7,
        approvedUnchanged: 3,
        approvedInPart: 1,
        rejected: 3,
        expired: 1,
        automatic: 0,
        agreementPct: 42.9,
        outcomes: 4,
        inBand: 3,
        calibrationPct: 75,
        gain: [
          { unit: 'conversions', realised: 1.5, predicted: 3.5 },
          { unit: 'revenue KRW', realised: 1000, predicted: 900 },
        ],
      },
      {
        level: 'auto',
        recorded: 0,
        decided: 0,
        approvedUnchanged: 0,
        approvedInPart: 0,
        rejected: 0,
        expired: 0,
        automatic: 2,
        agreementPct: null,
        outcomes: 1,
        inBand: 1,
        calibrationPct: 100,
        gain: [{ unit: 'conversions', realised: 1, predicted: 1 }],
      },
    ]);
  });
});

describe('a realised outcome', () => {
  const made = {
    planId: 'P1',
    ruleId: 'r1',
    ruleVersion: 'v1',
    automation: 'approve' as const,
    currency: 'KRW',
    createdAt: '2026-03-10T01:00:00.000Z',
    date: '2026-03-10',
  };
  // Before: 56 conversions over 28 fitted days = 2 a day. The plan's own day (03-10) is mixed and left out; the
  // next three settled days give (3 + 4 + 2) / 3 = 3 a day, so the realised change is +1, inside [0.5, 1.5].
  const settled = [
    { date: '2026-03-12', outcome: 4 },
    { date: '2026-03-10', outcome: 100 },
    { date: '2026-03-11', outcome: 3 },
    { date: '2026-03-13', outcome: 2 },
  ];
  const before = { days: 28, outcome: 56 };

  it('compares the settled days after the change with the fitted days and the predicted band', () => {
    const o = measureOutcome(made, proposal('a'), false, before, settled, 3);
    expect(o).toMatchObject({
      unit: 'conversions',
      days: 3,
      firstDay: '2026-03-11',
      lastDay: '2026-03-13',
      beforePerDay: 2,
      afterPerDay: 3,
      realisedDelta: 1,
      predictedDelta: 1,
      inBand: true,
    });
    // Predicted +3 in [2.5, 3.5]: the same +1 falls outside.
    expect(
      measureOutcome(made, proposal('a', { delta: 3, low: 2.5, high: 3.5 }), false, before, settled, 3)?.inBand,
    ).toBe(false);
  });

  it('waits until enough days after the change are settled', () => {
    expect(measureOutcome(made, proposal('a'), false, before, settled, 4)).toBeNull();
  });

  it('scales a revenue prediction (planner micros) to the major units the days are in', () => {
    // Realised +1 KRW a day; predicted 2,000,000 micros = 2 KRW in [0.5, 3] KRW.
    const o = measureOutcome(
      made,
      proposal('a', { delta: 2_000_000, low: 500_000, high: 3_000_000 }),
      true,
      before,
      settled,
      3,
    );
    expect(o).toMatchObject({
      unit: 'revenue KRW',
      predictedDelta: 2,
      predictedLow: 0.5,
      predictedHigh: 3,
      inBand: true,
    });
  });

  it("measures a plan fitted on tracker figures only on the tracker's, in the tracker's unit", () => {
    const tracked = {
      ...made,
      outcomeSource: { source: 'tracker' as const, conversions: 'installs' as const, apps: [] },
    };
    // The media's days (the default) would compare other counts with the tracker's "before": not measured.
    expect(measureOutcome(tracked, proposal('a'), false, before, settled, 3)).toBeNull();
    expect(measureOutcome(tracked, proposal('a'), false, before, settled, 3, 'tracker')).toMatchObject({
      unit: 'tracker installs',
      afterPerDay: 3,
      realisedDelta: 1,
    });
    expect(measureOutcome(tracked, proposal('a'), true, before, settled, 3, 'tracker')?.unit).toBe(
      'tracker revenue KRW',
    );
    // And a media plan is never measured on tracker figures.
    expect(measureOutcome(made, proposal('a'), false, before, settled, 3, 'tracker')).toBeNull();
  });
});
