import { describe, expect, it } from 'vitest';
import { InputError, parsePullTrackerAppInput } from '../../src/domain/workflow-input';

const problems = (raw: unknown): string[] => {
  try {
    parsePullTrackerAppInput(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError');
};

describe('parsePullTrackerAppInput', () => {
  it('accepts a tracker, an app and a range', () => {
    const input = { tracker: 'adjust', appId: 'dalbit-eats', from: '2026-11-01', to: '2026-11-07' };
    expect(parsePullTrackerAppInput(input)).toEqual(input);
  });

  it('names every bad field at once', () => {
    expect(problems({ tracker: 'branch', appId: '', from: '2026-11-03', to: '2026-11-02', extra: 1 })).toEqual([
      'extra: unknown field (allowed: tracker, appId, from, to, waitForQuota)',
      'tracker: expected one of appsflyer, adjust, airbridge, got "branch"',
      'appId: required, the app id of config/trackers.yaml (e.g. "dalbit-eats")',
      'from: 2026-11-03 is after to 2026-11-02',
    ]);
  });

  it('refuses a missing date and a range longer than 93 days', () => {
    expect(problems({ tracker: 'appsflyer', appId: 'x', to: '2026-11-02' })).toEqual([
      'from: expected YYYY-MM-DD, got undefined',
    ]);
    // 2026-01-01..2026-04-04 is 94 days.
    expect(problems({ tracker: 'appsflyer', appId: 'x', from: '2026-01-01', to: '2026-04-04' })).toEqual([
      'to: a tracker pull covers at most 93 days; split the range',
    ]);
    expect(
      parsePullTrackerAppInput({ tracker: 'appsflyer', appId: 'x', from: '2026-01-01', to: '2026-04-03' }).to,
    ).toBe('2026-04-03');
  });

  it('takes waitForQuota as a boolean only', () => {
    const input = { tracker: 'appsflyer', appId: 'x', from: '2026-11-01', to: '2026-11-07' };
    expect(parsePullTrackerAppInput({ ...input, waitForQuota: false }).waitForQuota).toBe(false);
    expect(problems({ ...input, waitForQuota: 'no' })).toEqual(['waitForQuota: expected true or false, got "no"']);
  });
});
