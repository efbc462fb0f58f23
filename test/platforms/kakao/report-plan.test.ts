import { describe, expect, it } from 'vitest';
import {
  idBatches,
  decodeReportCursor,
  encodeReportCursor,
  planReportCall,
  reportWindows,
} from '../../../src/platforms/kakao/report-plan';

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(1000 + n - i)); // deliberately unsorted

/** Every call a metrics pull makes, following the cursors like the pull activity does. */
function walk(range: { from: string; to: string }, campaignIds: string[]) {
  const calls = [];
  let cursor: string | null = null;
  do {
    const { call, next } = planReportCall(range, campaignIds, decodeReportCursor(cursor));
    if (call) calls.push(call);
    cursor = next ? encodeReportCursor(next) : null;
  } while (cursor !== null);
  return calls;
}

describe('Kakao report plan', () => {
  it('splits a range into windows of at most 31 days (docs kakaomoment/report)', () => {
    expect(reportWindows('2025-01-01', '2025-02-10')).toEqual([
      { from: '2025-01-01', to: '2025-01-31' },
      { from: '2025-02-01', to: '2025-02-10' },
    ]);
    expect(reportWindows('2025-06-01', '2025-06-01')).toEqual([{ from: '2025-06-01', to: '2025-06-01' }]);
  });

  it('batches campaign ids 20 at a time in numeric order', () => {
    const batches = idBatches([...ids(45), '999']);
    expect(batches.map((b) => b.length)).toEqual([20, 20, 6]);
    expect(batches[0]?.[0]).toBe('999');
    expect(batches[2]?.at(-1)).toBe('1045');
  });

  it('walks every window × batch once, with small secret-free cursors', () => {
    const calls = walk({ from: '2025-01-01', to: '2025-02-10' }, ids(45));
    expect(calls).toHaveLength(6);
    expect(calls.map((c) => `${c.from}:${c.ids.length}`)).toEqual([
      '2025-01-01:20',
      '2025-01-01:20',
      '2025-01-01:5',
      '2025-02-01:20',
      '2025-02-01:20',
      '2025-02-01:5',
    ]);
    expect(encodeReportCursor({ window: 1, batch: 2 })).toBe('1.2');
  });

  it('makes no call for an account without campaigns', () => {
    expect(planReportCall({ from: '2025-06-01', to: '2025-06-07' }, [], { window: 0, batch: 0 })).toEqual({
      call: null,
      next: null,
    });
  });

  it('moves on to the next window when a resumed attempt sees fewer batches', () => {
    const { call, next } = planReportCall({ from: '2025-01-01', to: '2025-02-10' }, ids(5), { window: 0, batch: 2 });
    expect(call?.from).toBe('2025-02-01');
    expect(next).toBeNull();
  });

  it('rejects a cursor it did not write', () => {
    expect(() => decodeReportCursor('abc')).toThrow(/not a Kakao report cursor/);
  });
});
