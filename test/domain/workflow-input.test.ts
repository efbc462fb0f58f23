import { describe, expect, it } from 'vitest';
import { dailyWorkflowId, pullWorkflowId } from '../../src/domain/workflow-ids';
import {
  InputError,
  parseBackfillCarry,
  parseBackfillInput,
  parseBackfillTrackerInput,
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
      'advertiser: unknown field (allowed: date, advertisers, platforms, windowDays, trackers)',
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

  it('takes trackers in a daily run and refuses what is not one', () => {
    expect(parseDailyOpsInput({ trackers: ['adjust'] }).trackers).toEqual(['adjust']);
    expect(parseDailyOpsInput({ trackers: [] }).trackers).toEqual([]);
    expect('trackers' in parseDailyOpsInput({})).toBe(false);
    expect(problems(() => parseDailyOpsInput({ trackers: ['branch'] }))).toEqual([
      'trackers: expected a list of appsflyer, adjust, airbridge (or [] for none), got ["branch"]',
    ]);
    expect(problems(() => parseDailyOpsInput({ trackers: 'adjust' }))[0]).toMatch(/^trackers: expected a list/);
  });

  it('validates a tracker backfill: tracker, app, range and chunks up to a pull', () => {
    expect(
      parseBackfillTrackerInput({
        tracker: 'appsflyer',
        appId: 'hanbit-beauty-aos',
        from: '2026-01-01',
        to: '2026-03-31',
      }),
    ).toEqual({
      tracker: 'appsflyer',
      appId: 'hanbit-beauty-aos',
      from: '2026-01-01',
      to: '2026-03-31',
      chunkDays: 30,
      chunksPerRun: 10,
    });
    expect(
      problems(() =>
        parseBackfillTrackerInput({
          tracker: 'kochava',
          appId: '',
          from: '2026-03-01',
          to: '2026-01-01',
          chunkDays: 94,
        }),
      ),
    ).toEqual([
      'tracker: expected one of appsflyer, adjust, airbridge, got "kochava"',
      'appId: required, the app id of config/trackers.yaml (e.g. "dalbit-eats")',
      'from: 2026-03-01 is after to 2026-01-01',
      'chunkDays: expected a whole number of days from 1 to 93, got 94',
    ]);
    // An account backfill still stops at 30 days a chunk.
    expect(
      problems(() =>
        parseBackfillInput({
          platform: 'meta',
          accountId: 'act_1',
          from: '2026-01-01',
          to: '2026-03-01',
          chunkDays: 31,
        }),
      ),
    ).toEqual(['chunkDays: expected a whole number of days from 1 to 30, got 31']);
  });
});
