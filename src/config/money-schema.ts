import { z } from 'zod';
import { decimalToMicros, MoneyFormatError } from '../domain/money';

/**
 * Money in config: per currency, in major units as decimal strings ({ KRW: "50000", USD: "25.50" }), parsed exactly
 * to integer micros. Amounts are never converted between currencies, so config states each currency it means.
 */
const MAX_DAILY_MICROS = 10n ** 16n; // 10 billion units a day: far above any real daily budget, below int64 overflow.

export const moneyPerCurrency = z
  .record(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'), z.unknown())
  .transform((value, ctx) => {
    const out: Record<string, bigint> = {};
    for (const [currency, amount] of Object.entries(value)) {
      try {
        const micros = decimalToMicros(typeof amount === 'number' ? String(amount) : amount, currency);
        if (micros < 0n || micros > MAX_DAILY_MICROS) throw new MoneyFormatError(currency, amount);
        out[currency] = micros;
      } catch (err) {
        if (!(err instanceof MoneyFormatError)) throw err;
        ctx.addIssue({
          code: 'custom',
          path: [currency],
          message: `must be a non-negative amount in major units of ${currency} with at most 6 decimals, up to 10^10 (got ${JSON.stringify(amount)})`,
        });
      }
    }
    return out;
  });
