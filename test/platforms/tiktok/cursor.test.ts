import { describe, expect, it } from 'vitest';
import {
  decodePageCursor,
  decodeReportCursor,
  encodeReportCursor,
  nextPageCursor,
  nextReportPosition,
  reportWindows,
} from '../../../src/platforms/tiktok/connector/cursor';

describe('TikTok report cursor', () => {
  it('splits a range into windows of at most 30 days (unverified span limit)', () => {
    expect(reportWindows({ from: '2025-06-01', to: '2025-07-05' })).toEqual([
      { from: '2025-06-01', to: '2025-06-30' },
      { from: '2025-07-01', to: '2025-07-05' },
    ]);
    expect(reportWindows({ from: '2025-06-01', to: '2025-06-01' })).toHaveLength(1);
  });

  it('round-trips a small, secret-free cursor', () => {
    expect(decodeReportCursor(null)).toEqual({ window: 0, page: 1 });
    expect(encodeReportCursor({ window: 1, page: 3 })).toBe('w1p3');
    expect(decodeReportCursor('w1p3')).toEqual({ window: 1, page: 3 });
    expect(() => decodeReportCursor('w1p0')).toThrow(/cursor/);
    expect(() => decodeReportCursor('https://x?access_token=1')).toThrow(/cursor/);
  });

  it('pages through a window, then moves to the next window, then stops', () => {
    expect(nextReportPosition({ window: 0, page: 1 }, 3, 2)).toEqual({ window: 0, page: 2 });
    expect(nextReportPosition({ window: 0, page: 3 }, 3, 2)).toEqual({ window: 1, page: 1 });
    expect(nextReportPosition({ window: 0, page: 1 }, 0, 2)).toEqual({ window: 1, page: 1 }); // empty window
    expect(nextReportPosition({ window: 1, page: 2 }, 2, 2)).toBeNull();
  });

  it('pages entities by page number', () => {
    expect(decodePageCursor(null)).toBe(1);
    expect(nextPageCursor(1, 2)).toBe('2');
    expect(decodePageCursor('2')).toBe(2);
    expect(nextPageCursor(2, 2)).toBeNull();
    expect(() => decodePageCursor('0')).toThrow(/cursor/);
  });
});
