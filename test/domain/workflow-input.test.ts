import { describe, expect, it } from 'vitest';
import { dailyWorkflowId, pullWorkflowId } from '../../src/domain/workflow-ids';
import {
  InputError,
  parseBackfillCarry,
  parseBackfillInput,
  parseDailyOpsInput,
  parsePullAccountInput,
} from '../../src/domain/workflow-input';

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
    const none = { date: undefined, advertisers: undefined, platforms: undefined, windowDays: undefined };
    expect(parseDailyOpsInput({})).toStrictEqual(none);
    expect(parseDailyOpsInput(undefined)).toStrictEqual(none);
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

  it('refuses dates outside 2000..2099 in every workflow, naming the field', () => {
    expect(problems(() => parseDailyOpsInput({ date: '0000-01-01' }))).toEqual([
      'date: 0000-01-01 is outside 2000-01-01..2099-12-31',
    ]);
    expect(
      problems(() =>
        parsePullAccountInput({ platform: 'meta', accountId: 'act_1', from: '2026-11-01', to: '2100-01-01' }),
      ),
    ).toEqual(['to: 2100-01-01 is outside 2000-01-01..2099-12-31']);
    expect(
      problems(() =>
        parseBackfillInput({ platform: 'meta', accountId: 'act_1', from: '1999-12-31', to: '2026-01-01' }),
      ),
    ).toEqual(['from: 1999-12-31 is outside 2000-01-01..2099-12-31']);
  });

  it('caps a backfill at about ten years, whatever config says', () => {
    const ok = { platform: 'meta', accountId: 'act_1', from: '2016-01-01', to: '2026-01-01' };
    expect(parseBackfillInput(ok).to).toBe('2026-01-01');
    expect(problems(() => parseBackfillInput({ ...ok, from: '2000-01-01', to: '2099-12-31' }))).toEqual([
      'to: a backfill covers at most 3660 days; split the range',
    ]);
  });

  it('validates the backfill continuation an AE can type as the second argument', () => {
    const carry = { nextChunk: 2, run: 2, rows: 10, counts: { inserted: 10, updated: 0, unchanged: 0 } };
    expect(parseBackfillCarry(carry, 5)).toStrictEqual(carry);
    expect(parseBackfillCarry(undefined, 5)).toBeUndefined();
    expect(problems(() => parseBackfillCarry({ ...carry, nextChunk: -1 }, 5))).toEqual([
      'nextChunk: expected a chunk index 0..5, got -1',
    ]);
    expect(problems(() => parseBackfillCarry({ ...carry, nextChunk: 999999, run: -5 }, 5))).toEqual([
      'nextChunk: expected a chunk index 0..5, got 999999',
      'run: expected a whole number ≥ 1, got -5',
    ]);
    expect(problems(() => parseBackfillCarry({ ...carry, counts: { inserted: 1.5 } }, 5))[0]).toMatch(/^counts:/);
    expect(problems(() => parseBackfillCarry('x', 5))[0]).toContain('one JSON object');
  });

  it('builds business-meaningful, deterministic workflow ids', () => {
    expect(pullWorkflowId('meta', 'act_1', '2026-11-21', '2026-11-21')).toBe('pull:meta:act_1:2026-11-21');
    expect(pullWorkflowId('meta', 'act_1', '2026-11-01', '2026-11-21')).toBe('pull:meta:act_1:2026-11-01..2026-11-21');
    expect(dailyWorkflowId('2026-11-21')).toBe('daily:2026-11-21');
    expect(dailyWorkflowId('2026-11-21', ['b', 'a'])).toBe('daily:2026-11-21:a+b');
  });
});
