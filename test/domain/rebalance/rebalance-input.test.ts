import { describe, expect, it } from 'vitest';
import { inputProblems } from '../../helpers/format-errors';
import { parseRebalanceInput } from '../../../src/domain/workflow-input';

const problems = (raw: unknown): string => inputProblems(parseRebalanceInput, raw);

describe('rebalanceBudgets input', () => {
  it('takes an advertiser, optionally a rule, a dry run, a date or a plan to revert', () => {
    expect(parseRebalanceInput({ advertiserId: 'a', ruleId: 'r', dryRun: true, date: '2026-11-30' })).toEqual({
      advertiserId: 'a',
      ruleId: 'r',
      dryRun: true,
      date: '2026-11-30',
    });
    expect(parseRebalanceInput({ advertiserId: 'a', revertPlanId: 'p1' })).toEqual({
      advertiserId: 'a',
      revertPlanId: 'p1',
    });
  });

  it('names each wrong field', () => {
    expect(problems({})).toMatch(/advertiserId: required/);
    expect(problems({ advertiserId: 'a', dryRun: 'yes' })).toMatch(/dryRun: expected true or false/);
    expect(problems({ advertiserId: 'a', revertPlanId: '' })).toMatch(/revertPlanId: expected the id/);
    expect(problems({ advertiserId: 'a', revertPlanId: 'p', ruleId: 'r' })).toMatch(
      /a revert takes no ruleId or dryRun/,
    );
    expect(problems({ advertiserId: 'a', budget: 5 })).toMatch(/budget: unknown field/);
  });
});
