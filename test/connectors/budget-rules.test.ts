import { describe, expect, it } from 'vitest';
import { effectiveBudgetRules } from '../../src/connectors/budget-rules';

const M = 1_000_000n;

describe('effective budget rules: the platform defaults with config overrides on top', () => {
  it('keeps the defaults without overrides', () => {
    expect(effectiveBudgetRules('kakao', 'KRW', undefined)).toEqual({
      unitMicros: 10n * M,
      minDailyMicros: 50_000n * M,
      minDailyMicrosByLevel: { campaign: 50_000n * M, adset: 10_000n * M },
      overspendFactor: 1,
    });
  });

  it('replaces exactly the numbers config states, per currency and level', () => {
    const rules = effectiveBudgetRules('kakao', 'KRW', {
      unit: { KRW: 100n * M },
      minDaily: { adset: { KRW: 20_000n * M } },
      overspendFactor: 1.2,
      changesPerHour: 6,
    });
    expect(rules).toEqual({
      unitMicros: 100n * M,
      minDailyMicros: 50_000n * M,
      minDailyMicrosByLevel: { campaign: 50_000n * M, adset: 20_000n * M },
      overspendFactor: 1.2,
      changesPerHour: 6,
    });
  });

  it('ignores overrides stated for another currency', () => {
    const rules = effectiveBudgetRules('meta', 'USD', { unit: { KRW: 10n * M }, minDaily: { campaign: { KRW: M } } });
    expect(rules.unitMicros).toBe(10_000n);
    expect(rules.minDailyMicrosByLevel).toBeUndefined();
  });
});
