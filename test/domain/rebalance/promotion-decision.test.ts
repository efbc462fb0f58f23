import { describe, expect, it } from 'vitest';
import { parsePromotionDecision, PromotionDecisionError } from '../../../src/domain/rebalance/promotion-decision';

const problemsOf = (arg: unknown): string[] => {
  try {
    parsePromotionDecision(arg);
  } catch (err) {
    if (err instanceof PromotionDecisionError) return err.problems;
    throw err;
  }
  return [];
};

/** The `decidePromotion` Update's validator: what it lets through, and the words it refuses the rest with. */
describe('the decidePromotion Update argument', () => {
  it('confirms with a name, a reason optional (trimmed)', () => {
    expect(parsePromotionDecision({ confirm: true, by: ' kim ' })).toEqual({ confirm: true, by: 'kim' });
    expect(parsePromotionDecision({ confirm: true, by: 'kim', reason: ' four clean weeks ' })).toEqual({
      confirm: true,
      by: 'kim',
      reason: 'four clean weeks',
    });
  });

  it('declines only with a reason', () => {
    expect(parsePromotionDecision({ confirm: false, by: 'lee', reason: 'promo month' })).toEqual({
      confirm: false,
      by: 'lee',
      reason: 'promo month',
    });
    expect(problemsOf({ confirm: false, by: 'lee' })).toEqual([
      'reason: required when declining (say why, so the next proposal can be judged against it)',
    ]);
    expect(problemsOf({ confirm: false, by: 'lee', reason: '  ' })).toHaveLength(1);
  });

  it.each([
    [{ confirm: 'true', by: 'kim' }, 'confirm: must be true (promote) or false (decline), got "true"'],
    [{ confirm: 1, by: 'kim' }, 'confirm: must be true (promote) or false (decline), got 1'],
    [{ by: 'kim' }, 'confirm: must be true (promote) or false (decline), got nothing'],
    [{ confirm: true }, 'by: who decides, 1-100 characters'],
    [{ confirm: true, by: '   ' }, 'by: who decides, 1-100 characters'],
    [{ confirm: true, by: 'k'.repeat(101) }, 'by: who decides, 1-100 characters'],
    [{ confirm: true, by: 'kim', reason: 5 }, 'reason: text up to 1000 characters'],
    [{ confirm: true, by: 'kim', reason: 'r'.repeat(1001) }, 'reason: text up to 1000 characters'],
    [{ confirm: true, by: 'kim', planId: 'p1' }, 'unknown field "planId" (expected confirm, by, reason)'],
  ])('refuses %j: %s', (arg, problem) => {
    expect(problemsOf(arg)).toEqual([problem]);
  });

  it('names every problem at once, in the message the Web UI shows', () => {
    expect(() => parsePromotionDecision({ confirm: 'yes', by: '' })).toThrow(
      'Invalid promotion decision: confirm: must be true (promote) or false (decline), got "yes"; by: who decides, 1-100 characters',
    );
  });

  it.each([null, 'confirm', ['confirm'], 42])('refuses a non-object argument %j', (arg) => {
    expect(problemsOf(arg)).toEqual([
      'the argument must be a JSON object: {"confirm": true, "by": "your name"} or {"confirm": false, "by": "your name", "reason": "why"}',
    ]);
  });
});
