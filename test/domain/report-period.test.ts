import { describe, expect, it } from 'vitest';
import { lastOfMonth, reportPeriod } from '../../src/domain/report-period';

const SEOUL = 'Asia/Seoul';
// 2026-11-03 00:30 in Seoul is still 2026-11-02 in UTC: "today" must be taken in the agency zone.
const NOW = new Date('2026-11-02T15:30:00Z');

describe('report periods', () => {
  it('daily: yesterday in the agency zone, previous day before it', () => {
    expect(reportPeriod('daily', { now: NOW, timeZone: SEOUL })).toEqual({
      from: '2026-11-02',
      to: '2026-11-02',
      previousFrom: '2026-11-01',
      previousTo: '2026-11-01',
    });
  });

  it('daily across a month boundary: the previous day is the last of the month before', () => {
    expect(reportPeriod('daily', { date: '2026-11-01', now: NOW, timeZone: SEOUL })).toMatchObject({
      previousFrom: '2026-10-31',
      previousTo: '2026-10-31',
    });
  });

  it('weekly: the ISO week containing the date, even when it spans two months', () => {
    // 2026-11-01 is a Sunday: its week is Monday 2026-10-26 .. Sunday 2026-11-01.
    expect(reportPeriod('weekly', { date: '2026-11-01', now: NOW, timeZone: SEOUL })).toEqual({
      from: '2026-10-26',
      to: '2026-11-01',
      previousFrom: '2026-10-19',
      previousTo: '2026-10-25',
    });
  });

  it('weekly default: the last complete week (today Tuesday 2026-11-03 in Seoul)', () => {
    expect(reportPeriod('weekly', { now: NOW, timeZone: SEOUL })).toMatchObject({
      from: '2026-10-26',
      to: '2026-11-01',
    });
  });

  it('monthly default: the last complete month; previous is the same number of days before it', () => {
    // October has 31 days: the 31 days before 2026-10-01 are 2026-08-31 .. 2026-09-30.
    expect(reportPeriod('monthly', { now: NOW, timeZone: SEOUL })).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      previousFrom: '2026-08-31',
      previousTo: '2026-09-30',
    });
  });

  it('monthly in a leap year: February has 29 days, March compares with the 31 days before it', () => {
    expect(reportPeriod('monthly', { date: '2028-02-10', now: NOW, timeZone: SEOUL })).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
      previousFrom: '2028-01-03',
      previousTo: '2028-01-31',
    });
    // Jan 30, 31 (2 days) + Feb 1..29 (29 days) = 31 days.
    expect(reportPeriod('monthly', { date: '2028-03-31', now: NOW, timeZone: SEOUL })).toMatchObject({
      previousFrom: '2028-01-30',
      previousTo: '2028-02-29',
    });
  });

  it('last day of month: 28, 29, 30, 31', () => {
    expect(['2027-02-14', '2028-02-01', '2026-11-30', '2026-12-01'].map(lastOfMonth)).toEqual([
      '2027-02-28',
      '2028-02-29',
      '2026-11-30',
      '2026-12-31',
    ]);
  });

  it('refuses a malformed date', () => {
    expect(() => reportPeriod('daily', { date: '2026-02-30', now: NOW, timeZone: SEOUL })).toThrow(RangeError);
  });
});
