import { describe, expect, it } from 'vitest';
import { rollupScope, rollupText } from '../../src/cli/metrics-command';

describe('adops metrics rollup options', () => {
  it('takes --all, or a range of days', () => {
    expect(rollupScope({ all: true })).toEqual({ kind: 'all' });
    expect(rollupScope({ from: '2026-10-30', to: '2026-11-02' })).toEqual({
      kind: 'range',
      dates: ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'],
    });
  });

  it('names what is wrong', () => {
    expect(() => rollupScope({})).toThrow('give --all (every day with rows; afterwards reports trust the digests)');
    expect(() => rollupScope({ from: '2026-10-01' })).toThrow('or both --from and --to');
    expect(() => rollupScope({ all: true, from: '2026-10-01' })).toThrow('give it without --from/--to');
    expect(() => rollupScope({ from: '2026-02-30', to: '2026-03-01' })).toThrow(
      '--from: expected a date YYYY-MM-DD, got "2026-02-30"',
    );
    expect(() => rollupScope({ from: '2026-10-02', to: '2026-10-01' })).toThrow(
      '--from 2026-10-02 is after --to 2026-10-01',
    );
    // A thousand years: a typo, not a repair.
    expect(() => rollupScope({ from: '1026-01-01', to: '2026-01-01' })).toThrow('at most 3660 at once');
  });

  it('says whether reports now read the digests', () => {
    expect(rollupText({ days: 3, rows: 120, busy: [], complete: false })).toBe(
      'digested 120 rows of 3 days\n' +
        'digests do not cover older rows yet: reports read the rows until `adops metrics rollup --all` has run once',
    );
    expect(
      rollupText({
        days: 1,
        rows: 2,
        busy: [{ platform: 'meta', accountId: 'act_1', date: '2026-10-01' }],
        complete: true,
      }),
    ).toBe(
      'digested 2 rows of 1 days\n' +
        '1 account-days were being digested by a write meanwhile: that write finishes them\n' +
        'digests cover every row of metrics_daily: reports read them',
    );
  });
});
