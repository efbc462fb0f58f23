import { describe, expect, it } from 'vitest';
import { exactDecimal } from '../../src/reports/exact-decimal';
import { formatter, NONE } from '../../src/reports/format';
import { messages, platformName } from '../../src/reports/messages';

const ko = formatter('ko-KR', 'Asia/Seoul');
const en = formatter('en-US', 'Asia/Seoul');

describe('report formatting', () => {
  it('formats money from micros in each locale with the currency’s minor unit', () => {
    expect(ko.money(1_234_000_000n, 'KRW')).toBe('₩1,234');
    expect(en.money(1_234_560_000n, 'USD')).toBe('$1,234.56');
    expect(en.money(-5_000n, 'USD')).toBe('-$0.01'); // half-up at the cent, away from zero
    expect(ko.money(1_234_500_000n, 'USD')).toBe('US$1,234.50');
    expect(en.money(null, 'USD')).toBe(NONE);
  });

  it('never passes money through a float: amounts beyond 2^53 micros keep every digit', () => {
    // 2^63 − 1 micros: as a float this would print 9,223,372,036,854.78 or worse.
    expect(en.money(9_223_372_036_854_775_807n, 'USD')).toBe('$9,223,372,036,854.78');
    expect(ko.money(123_456_789_012_345_678_901_000_000n, 'KRW')).toBe('₩123,456,789,012,345,678,901');
  });

  it('gives the exact decimal of micros, with at least the minor-unit places', () => {
    expect(exactDecimal(1_234_500_000n, 2)).toBe('1234.50');
    expect(exactDecimal(1_564_714n, 2)).toBe('1.564714');
    expect(exactDecimal(1_234_000_000n, 0)).toBe('1234');
    expect(exactDecimal(-10n, 0)).toBe('-0.00001');
  });

  it('formats dates, percentages and changes per locale', () => {
    expect(ko.date('2026-11-29')).toBe('2026. 11. 29.');
    expect(en.date('2026-11-29')).toBe('Nov 29, 2026');
    expect(en.percent(0.01234)).toBe('1.23%');
    expect(en.delta(0.1218)).toBe('+12.2%');
    expect(en.delta(-0.05)).toBe('-5.0%');
    expect(en.delta(null)).toBe(NONE);
    expect(ko.instant('2026-11-30T00:15:00Z')).toBe('2026. 11. 30. 09:15');
    expect(en.instant('2026-11-30T00:15:00Z')).toBe('Nov 30, 2026, 9:15 AM');
  });

  it('has every label in both languages, with placeholders filled', () => {
    expect(messages('ko-KR')('spend')).toBe('광고비');
    expect(messages('en-US')('trendChartTitle', { currency: 'KRW' })).toBe('Spend and conversions by day (KRW)');
    expect(platformName('naver', 'ko-KR')).toBe('네이버');
  });
});
