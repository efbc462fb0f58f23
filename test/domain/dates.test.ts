import { describe, expect, it } from 'vitest';
import {
  addDays,
  chunkRange,
  dateInZone,
  datesInRange,
  daysBetween,
  instantInZone,
  isIsoDate,
} from '../../src/domain/dates';

describe('calendar dates in explicit zones', () => {
  it('validates real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('20261121')).toBe(false);
  });

  it('does day arithmetic across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-01', '2026-11-29')).toBe(28);
    expect(datesInRange('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('puts one instant on different dates in Seoul and Los Angeles', () => {
    const instant = new Date('2026-11-22T05:00:00Z');
    expect(dateInZone(instant, 'Asia/Seoul')).toBe('2026-11-22');
    expect(dateInZone(instant, 'America/Los_Angeles')).toBe('2026-11-21');
  });

  it('chunks ranges for backfills', () => {
    expect(chunkRange('2026-01-01', '2026-01-10', 4)).toEqual([
      { from: '2026-01-01', to: '2026-01-04' },
      { from: '2026-01-05', to: '2026-01-08' },
      { from: '2026-01-09', to: '2026-01-10' },
    ]);
  });
});

describe('a wall-clock time in a zone as an instant', () => {
  it('10:00 in Seoul is 01:00 UTC; 10:00 in New York is 15:00 UTC in winter and 14:00 UTC in summer', () => {
    expect(instantInZone('2026-11-20', '10:00', 'Asia/Seoul').toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(instantInZone('2026-01-15', '10:00', 'America/New_York').toISOString()).toBe('2026-01-15T15:00:00.000Z');
    expect(instantInZone('2026-07-15', '10:00', 'America/New_York').toISOString()).toBe('2026-07-15T14:00:00.000Z');
    // Just after midnight in Seoul is still the day before in UTC.
    expect(instantInZone('2026-11-20', '00:30', 'Asia/Seoul').toISOString()).toBe('2026-11-19T15:30:00.000Z');
  });
});
