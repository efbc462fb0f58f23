import { describe, expect, it } from 'vitest';
import { isMature, localTime } from '../../src/domain/maturity';

describe('maturity rules', () => {
  it('settles a day once the trailing window has passed (Meta 28 days)', () => {
    const rule = { windowDays: 28 };
    expect(isMature('2026-10-25', new Date('2026-11-22T00:00:00Z'), 'Asia/Seoul', rule)).toBe(true);
    expect(isMature('2026-10-26', new Date('2026-11-22T00:00:00Z'), 'Asia/Seoul', rule)).toBe(false);
  });

  it('settles a Kakao day at 08:00 KST the next day', () => {
    const rule = { windowDays: 1, settlesAt: '08:00' };
    expect(isMature('2026-11-21', new Date('2026-11-21T22:59:00Z'), 'Asia/Seoul', rule)).toBe(false); // 07:59 KST
    expect(isMature('2026-11-21', new Date('2026-11-21T23:00:00Z'), 'Asia/Seoul', rule)).toBe(true); // 08:00 KST
    expect(isMature('2026-11-20', new Date('2026-11-21T22:00:00Z'), 'Asia/Seoul', rule)).toBe(true);
    expect(isMature('2026-11-22', new Date('2026-11-22T05:00:00Z'), 'Asia/Seoul', rule)).toBe(false);
  });

  it('reads local wall-clock time in the account zone', () => {
    expect(localTime(new Date('2026-11-21T23:05:00Z'), 'Asia/Seoul')).toBe('08:05');
  });
});
