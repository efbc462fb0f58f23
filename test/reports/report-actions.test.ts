import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/reports/report-actions';

const decision = (verdict: 'approved' | 'rejected' | 'expired' | 'automatic', by: string) => ({
  decision: { verdict, by, approvedKeys: [], reason: '', at: '2026-11-01T00:00:00Z' },
});

describe('who decided a budget change', () => {
  it('names the AE who approved, says automatic for rules that applied on their own', () => {
    expect(decidedBy(decision('approved', 'kim'))).toBe('approved by kim');
    expect(decidedBy(decision('automatic', 'rule daily-roas'))).toBe('automatic');
    expect(decidedBy(decision('approved', ''))).toBe('approved');
  });

  it('does not guess when the plan has no decision recorded', () => {
    expect(decidedBy({})).toBe('no decision recorded');
  });
});
