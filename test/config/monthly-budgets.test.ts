import { describe, expect, it } from 'vitest';
import { ConfigError, parseYamlText } from '../../src/config/load';
import { accountsFileSchema } from '../../src/config/schema';

const withBudgets = (budgets: string) => `
timeZone: Asia/Seoul
advertisers:
  - id: acme
    name: Acme
    monthlyBudgets: ${budgets}
    accounts:
      - platform: meta
        accountId: act_1
        currency: KRW
        timeZone: Asia/Seoul
        credentials: { accessToken: META_TOKEN }
`;

describe('advertiser monthly budgets', () => {
  it('parses major-unit decimal strings per currency exactly to micros', () => {
    const file = parseYamlText(withBudgets("{ KRW: '30000000', USD: '5000.25' }"), 'x.yaml', accountsFileSchema);
    expect(file.advertisers[0]?.monthlyBudgets).toEqual({ KRW: 30_000_000_000_000n, USD: 5_000_250_000n });
  });

  it('is optional', () => {
    const file = parseYamlText(withBudgets('{}'), 'x.yaml', accountsFileSchema);
    expect(file.advertisers[0]?.monthlyBudgets).toEqual({});
  });

  it('names the currency of an amount that is not money', () => {
    expect(() => parseYamlText(withBudgets("{ USD: '12.3456789' }"), 'x.yaml', accountsFileSchema)).toThrow(
      ConfigError,
    );
    expect(() => parseYamlText(withBudgets("{ USD: 'lots' }"), 'x.yaml', accountsFileSchema)).toThrow(
      /advertisers\[0\]\.monthlyBudgets\.USD/,
    );
  });
});
