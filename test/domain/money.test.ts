import { describe, expect, it } from 'vitest';
import {
  decimalToMicros,
  metaBudgetToMicros,
  microsStringToMicros,
  microsToDecimal,
  microsToMetaBudget,
  MoneyFormatError,
} from '../../src/domain/money';

describe('money in integer micros', () => {
  it('parses major-unit decimal strings exactly', () => {
    expect(decimalToMicros('152340', 'spend')).toBe(152_340_000_000n);
    expect(decimalToMicros('14.35', 'spend')).toBe(14_350_000n);
    expect(decimalToMicros('0.000001', 'spend')).toBe(1n);
    expect(decimalToMicros('-3.5', 'spend')).toBe(-3_500_000n);
    // Beyond 2^53 micros (KRW 9 billion): still exact.
    expect(decimalToMicros('12345678901.5', 'spend')).toBe(12_345_678_901_500_000n);
  });

  it('rejects what is not a plain decimal, naming the field', () => {
    for (const bad of ['N/A', '1,234', '1e5', '', '1.2345678', null, undefined, Number.NaN]) {
      expect(() => decimalToMicros(bad, 'data[0].spend')).toThrow(MoneyFormatError);
    }
    expect(() => decimalToMicros('N/A', 'data[0].spend')).toThrow(/data\[0\]\.spend/);
  });

  it('reads Google-style int64 micros strings without a float', () => {
    expect(microsStringToMicros('9007199254740993', 'costMicros')).toBe(9_007_199_254_740_993n);
    expect(() => microsStringToMicros(1.5, 'costMicros')).toThrow(MoneyFormatError);
  });

  it('formats micros for display with half-up rounding', () => {
    expect(microsToDecimal(14_350_000n, 2)).toBe('14.35');
    expect(microsToDecimal(152_340_000_000n, 0)).toBe('152340');
    expect(microsToDecimal(1_005_000n, 2)).toBe('1.01');
    expect(microsToDecimal(-1_500_000n, 0)).toBe('-2');
    expect(microsToDecimal(0n, 2)).toBe('0.00');
  });

  it('converts Meta budgets through the currency offset (KRW 1, USD 100)', () => {
    expect(metaBudgetToMicros('50000', 'KRW', 'daily_budget')).toBe(50_000_000_000n);
    expect(metaBudgetToMicros('5000', 'USD', 'daily_budget')).toBe(50_000_000n);
    expect(microsToMetaBudget(50_000_000n, 'USD')).toBe('5000');
    expect(microsToMetaBudget(50_000_000_000n, 'KRW')).toBe('50000');
    expect(() => microsToMetaBudget(1_500_000n, 'KRW')).toThrow(/whole number/);
  });
});
