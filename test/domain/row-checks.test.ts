import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/domain/metrics';
import { metricPageProblem } from '../../src/domain/row-checks';

const row = (over: Partial<MetricRow> = {}): MetricRow => ({
  platform: 'meta',
  accountId: 'act_1',
  advertiserId: 'hanbit',
  level: 'campaign',
  entityId: '120',
  entityName: 'KR',
  date: '2026-11-20',
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  impressions: 1000,
  clicks: 10,
  spendMicros: 5_000_000_000n,
  conversions: 2,
  conversionValueMicros: 0n,
  mature: false,
  ...over,
});
const range = { from: '2026-11-19', to: '2026-11-20' };
const problemWith = (over: Partial<MetricRow>) => metricPageProblem([row({ date: '2026-11-19' }), row(over)], range);

describe('impossible values in any platform page', () => {
  it('accepts a normal page, including more clicks than impressions', () => {
    expect(metricPageProblem([row(), row({ entityId: '121', clicks: 2000 })], range)).toBeUndefined();
  });

  it.each([
    ['negative spend', { spendMicros: -100_000_000n }, 'rows[1].spendMicros'],
    ['spend above int64', { spendMicros: 10n ** 20n }, 'rows[1].spendMicros'],
    ['negative revenue', { conversionValueMicros: -1n }, 'rows[1].conversionValueMicros'],
    ['impressions above 2^53', { impressions: 2 ** 53 }, 'rows[1].impressions'],
    ['fractional clicks', { clicks: 1.5 }, 'rows[1].clicks'],
    ['negative conversions', { conversions: -5 }, 'rows[1].conversions'],
    ['conversions not a number', { conversions: Number.NaN }, 'rows[1].conversions'],
    ['a day before the range', { date: '2020-01-01' }, 'rows[1].date'],
    ['a day after the range', { date: '2026-11-21' }, 'rows[1].date'],
    ['the same entity-day twice', { date: '2026-11-19' }, 'rows[1].entityId'],
  ] as const)('refuses %s, naming the field', (_name, over, field) => {
    expect(problemWith(over)?.field).toBe(field);
  });
});
