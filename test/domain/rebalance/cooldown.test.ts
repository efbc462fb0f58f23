import { describe, expect, it } from 'vitest';
import { cooldownSince } from '../../../src/domain/rebalance/cooldown';

const H = 3_600_000;
// A daily run at 10:00 KST on 2026-11-22 (01:00 UTC).
const plan = { now: new Date('2026-11-22T01:00:00Z'), date: '2026-11-22', timeZone: 'Asia/Seoul' };

describe('cooldowns', () => {
  it('of whole days count calendar days: a change on day D cools for 48h until D+2 begins', () => {
    // 48h on 11-22: changes applied from 11-21 00:00 KST (11-20 15:00 UTC) on still cool; one on 11-20 does not.
    expect(cooldownSince(plan, 48 * H)?.toISOString()).toBe('2026-11-20T15:00:00.000Z');
    // 72h: from 11-20 00:00 KST.
    expect(cooldownSince(plan, 72 * H)?.toISOString()).toBe('2026-11-19T15:00:00.000Z');
    // 24h: only a change made earlier the same day (a second run that day does not move it again).
    expect(cooldownSince(plan, 24 * H)?.toISOString()).toBe('2026-11-21T15:00:00.000Z');
  });

  it('that are not whole days are measured from the plan time', () => {
    expect(cooldownSince(plan, 90 * 60_000)?.toISOString()).toBe('2026-11-21T23:30:00.000Z');
    expect(cooldownSince(plan, 36 * H)?.toISOString()).toBe('2026-11-20T13:00:00.000Z');
  });

  it('of zero hold nothing', () => {
    expect(cooldownSince(plan, 0)).toBeNull();
  });
});
