import { describe, expect, it } from 'vitest';
import { DecisionError, parseDecision } from '../../../src/domain/rebalance/decision';
import type { PlanRecord, ProposalRecord } from '../../../src/domain/rebalance/plan-record';

const proposal = (entityId: string): ProposalRecord => ({
  key: `meta|act_1|campaign|${entityId}`,
  platform: 'meta',
  accountId: 'act_1',
  level: 'campaign',
  entityId,
  name: `C${entityId}`,
  fromMicros: '100000000',
  toMicros: '120000000',
  changePct: 20,
  predictedDelta: 1,
  predictedLow: 0.5,
  predictedHigh: 1.5,
  exposureMicros: '150000000',
  reason: 'r',
  boundBy: [],
});

const plan = { planId: 'p1', proposals: [proposal('11'), proposal('22')] } as PlanRecord;

const problemsOf = (arg: unknown): string[] => {
  try {
    parseDecision(arg, [plan]);
  } catch (err) {
    if (err instanceof DecisionError) return err.problems;
    throw err;
  }
  return [];
};

describe('the decide Update argument', () => {
  it('approves every proposal by default, or only the listed entity ids', () => {
    expect(parseDecision({ planId: 'p1', decision: 'approve', by: 'kim' }, [plan]).approvedKeys).toEqual([
      'meta|act_1|campaign|11',
      'meta|act_1|campaign|22',
    ]);
    expect(parseDecision({ planId: 'p1', decision: 'approve', by: 'kim', only: ['22'] }, [plan]).approvedKeys).toEqual([
      'meta|act_1|campaign|22',
    ]);
  });

  it('a rejection approves nothing and needs a reason', () => {
    expect(
      parseDecision({ planId: 'p1', decision: 'reject', by: 'kim', reason: 'promo week' }, [plan]).approvedKeys,
    ).toEqual([]);
    expect(problemsOf({ planId: 'p1', decision: 'reject', by: 'kim' })).toEqual(['reason: required when rejecting']);
  });

  it.each([
    [{ planId: 'p2', decision: 'approve', by: 'kim' }, /"p2" is not waiting for approval in this run \(waiting: p1\)/],
    [{ planId: 'p1', decision: 'approve', by: 'kim', only: ['33'] }, /"33" is not a proposal of plan p1/],
    [{ planId: 'p1', decision: 'approve' }, /by: who decides/],
    [{ planId: 'p1', decision: 'yes', by: 'kim' }, /decision: must be "approve" or "reject"/],
    [{ planId: 'p1', decision: 'approve', by: 'kim', only: [] }, /only: a non-empty list/],
    [{ planId: 'p1', decision: 'approve', by: 'kim', extra: 1 }, /unknown field "extra"/],
    [{ decision: 'approve', by: 'kim' }, /planId: required/],
  ])('refuses %j', (arg, says) => {
    expect(problemsOf(arg).join('; ')).toMatch(says);
  });

  it('refuses a value that is not an object', () => {
    expect(() => parseDecision('approve', [plan])).toThrow(/must be a JSON object/);
  });
});
