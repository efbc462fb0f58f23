import { describe, expect, it } from 'vitest';
import { dailyWorkflowId, pullWorkflowId } from '../../src/domain/workflow-ids';
import { InputError, parseDailyOpsInput, parsePullAccountInput } from '../../src/domain/workflow-input';

const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError');
};

describe('workflow inputs', () => {
  it('defaults everything optional for dailyOps', () => {
    expect(parseDailyOpsInput({})).toEqual({ date: undefined, advertisers: undefined });
    expect(parseDailyOpsInput(undefined)).toEqual({ date: undefined, advertisers: undefined });
  });

  it('names each wrong field', () => {
    expect(problems(() => parseDailyOpsInput({ date: '21/11/2026', advertiser: ['x'] }))).toEqual([
      'advertiser: unknown field (allowed: date, advertisers, platforms, windowDays)',
      'date: expected YYYY-MM-DD, got "21/11/2026"',
    ]);
    expect(problems(() => parseDailyOpsInput('2026-11-21'))[0]).toContain('one JSON object');
  });

  it('validates pullAccount ranges', () => {
    expect(
      parsePullAccountInput({ platform: 'meta', accountId: 'act_1', from: '2026-11-01', to: '2026-11-02' }).platform,
    ).toBe('meta');
    expect(
      problems(() => parsePullAccountInput({ platform: 'fb', accountId: '', from: '2026-11-03', to: '2026-11-02' })),
    ).toEqual([
      'platform: expected one of meta, google_ads, naver, kakao, tiktok, got "fb"',
      'accountId: required (e.g. "act_100200300")',
      'from: 2026-11-03 is after to 2026-11-02',
    ]);
    expect(
      problems(() =>
        parsePullAccountInput({ platform: 'meta', accountId: 'a', from: '2026-01-01', to: '2026-12-31' }),
      )[0],
    ).toContain('backfill');
  });

  it('builds business-meaningful, deterministic workflow ids', () => {
    expect(pullWorkflowId('meta', 'act_1', '2026-11-21', '2026-11-21')).toBe('pull:meta:act_1:2026-11-21');
    expect(pullWorkflowId('meta', 'act_1', '2026-11-01', '2026-11-21')).toBe('pull:meta:act_1:2026-11-01..2026-11-21');
    expect(dailyWorkflowId('2026-11-21')).toBe('daily:2026-11-21');
    expect(dailyWorkflowId('2026-11-21', ['b', 'a'])).toBe('daily:2026-11-21:a+b');
  });
});
