import { microsToDecimal } from '../domain/money';

/**
 * micros → the exact amount as a decimal string, never through a float: at least `minDecimals` places (the
 * currency's minor unit, so USD reads "12.50" and KRW "1234"), more only when the micros carry them ("0.123456").
 */
export function exactDecimal(micros: bigint, minDecimals: number): string {
  const full = microsToDecimal(micros, 6); // 6 places: every micro, no rounding
  const [whole, fraction = ''] = full.split('.');
  const kept = fraction.replace(/0+$/, '').padEnd(minDecimals, '0');
  return kept === '' ? (whole as string) : `${whole}.${kept}`;
}
