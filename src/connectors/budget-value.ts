import { BudgetRefused, type BudgetTarget } from './budget';

/**
 * `micros` as a whole number of the platform's budget unit (`unitMicros` micros each), or BudgetRefused before any
 * request: a budget is never rounded on its way to a platform, and a negative one means a bug upstream.
 */
export function wholeBudgetUnits(target: BudgetTarget, micros: bigint, unitMicros: bigint, unitName: string): bigint {
  if (micros < 0n) throw new BudgetRefused(target, `a daily budget cannot be negative (${micros} micros)`);
  if (micros % unitMicros !== 0n) {
    throw new BudgetRefused(target, `${micros} micros is not a whole number of ${unitName} (${unitMicros} micros)`);
  }
  return micros / unitMicros;
}
