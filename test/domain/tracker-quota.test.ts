import { describe, expect, it } from 'vitest';
import { quotaDay, quotaTicketId, ticketOrder } from '../../src/domain/tracker-quota';

describe('tracker quota tickets', () => {
  it('counts by the UTC date, whatever the local zone: 08:59 in Seoul on the 1st is still the 30th in UTC', () => {
    expect(quotaDay(new Date('2026-11-30T23:59:59.999Z'))).toBe('2026-11-30');
    expect(quotaTicketId('appsflyer:app:com.x', new Date('2026-11-30T23:59:59.999Z'), 3)).toBe(
      '2026-11-30|appsflyer:app:com.x|3',
    );
  });

  it('starts a new day at 00:00 UTC', () => {
    expect(quotaTicketId('appsflyer:account:a', new Date('2026-12-01T00:00:00.000Z'), 1)).toBe(
      '2026-12-01|appsflyer:account:a|1',
    );
  });

  it('tries the numbers after those taken, then the holes below, never past the limit', () => {
    expect(ticketOrder(0, 3)).toEqual([1, 2, 3]);
    expect(ticketOrder(2, 5)).toEqual([3, 4, 5, 1, 2]);
    expect(ticketOrder(5, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(ticketOrder(9, 2)).toEqual([1, 2]);
    expect(ticketOrder(0, 0)).toEqual([]);
  });
});
