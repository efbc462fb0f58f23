import { describe, expect, it } from 'vitest';
import { inputProblems } from '../helpers/format-errors';
import { parseReview } from '../../src/domain/report-review';
import { parseGenerateReportInput } from '../../src/domain/workflow-input';

const problems = (raw: unknown): string => inputProblems(parseGenerateReportInput, raw);

describe('generateReport input', () => {
  it('accepts a full input and names every wrong field', () => {
    expect(problems({ advertiserId: 'a', period: 'weekly', formats: ['xlsx', 'pdf'], locale: 'en-US' })).toBe('');
    expect(problems({ advertiserId: 'a', period: 'yearly' })).toMatch(/period: expected one of daily, weekly, monthly/);
    expect(problems({ advertiserId: 'a', period: 'daily', formats: ['docx'] })).toMatch(/formats: expected/);
    expect(problems({ advertiserId: 'a', period: 'daily', locale: 'ja-JP' })).toMatch(/locale: expected one of/);
    expect(problems({ advertiserId: 'a', period: 'daily', review: true })).toMatch(
      /review: applies only with "deliver"/,
    );
    expect(problems({ advertiserId: 'a', period: 'daily', deliver: true, reviewExpiresAfterMinutes: 0 })).toMatch(
      /reviewExpiresAfterMinutes/,
    );
    expect(problems({ period: 'daily', to: 'x' })).toMatch(/to: unknown field.*advertiserId: required/);
  });
});

describe('the review Update argument', () => {
  it('takes approve or reject with who, and a reason for a rejection', () => {
    expect(parseReview({ decision: 'approve', by: 'kim' })).toEqual({ decision: 'approve', by: 'kim' });
    expect(() => parseReview({ decision: 'reject', by: 'kim' })).toThrow(/reason: required when rejecting/);
    expect(() => parseReview({ decision: 'send', by: 'kim' })).toThrow(/decision: must be "approve" or "reject"/);
    expect(() => parseReview({ decision: 'approve' })).toThrow(/by: who decides/);
    expect(() => parseReview([])).toThrow(/must be a JSON object/);
  });
});
