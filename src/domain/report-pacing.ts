import type { Pacing } from '../reports/model';
import { requiredDailyBudget } from './budget/pacing';
import { addDays, type IsoDate } from './dates';
import { lastOfMonth } from './report-period';
import { divideHalfUp } from './report-math';

/**
 * Pacing of the month containing `through` (the report's last day), with spend known through that day: projected at
 * the average daily spend so far (rounded half-up to a micro), and the even daily amount the remaining days need,
 * taken from the budget pacer so reports and budget plans can never disagree (0 when over budget or the month is over).
 */
export function monthPacing(input: {
  monthlyBudgetMicros: bigint;
  monthToDateSpendMicros: bigint;
  through: IsoDate;
}): Pacing {
  const daysInMonth = Number(lastOfMonth(input.through).slice(8));
  const daysElapsed = Number(input.through.slice(8));
  const requiredDailyMicros =
    daysElapsed < daysInMonth
      ? requiredDailyBudget({
          monthlyBudgetMicros: input.monthlyBudgetMicros,
          spentToDateMicros: input.monthToDateSpendMicros,
          date: addDays(input.through, 1),
        }).todayMicros
      : 0n;
  return {
    monthlyBudgetMicros: input.monthlyBudgetMicros,
    monthToDateSpendMicros: input.monthToDateSpendMicros,
    projectedMicros: divideHalfUp(input.monthToDateSpendMicros * BigInt(daysInMonth), BigInt(daysElapsed)),
    requiredDailyMicros,
    daysElapsed,
    daysInMonth,
  };
}
