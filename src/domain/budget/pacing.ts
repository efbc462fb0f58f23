import { addDays, isIsoDate, type IsoDate } from '../dates';

/**
 * Monthly pacing: what each remaining day of the month should spend so the month lands on its budget. "Remaining
 * days" are `date` (today, not yet spent) through the month's last day; month-to-date spend covers the days before
 * `date`. Dates are plain ISO calendar dates in the account's zone, so no time zone enters here.
 *
 * Even pacing gives every remaining day the same share; weekday pacing gives each day weights[weekday] (Monday first,
 * as ISO 8601 numbers weekdays), e.g. less on weekends for B2B. Shares are whole micros that sum exactly to what is
 * left (largest remainder: the floor of each share, then one micro each to the largest remainders, earlier day first).
 */
export interface PacingInput {
  monthlyBudgetMicros: bigint;
  spentToDateMicros: bigint;
  date: IsoDate;
  /** Seven non-negative weights, Monday to Sunday; default even. */
  weekdayWeights?: readonly number[];
}

export interface Pacing {
  /** Budget left for today through month end (0 when the month is already over budget). */
  remainingMicros: bigint;
  /** How far month-to-date spend is over the monthly budget (0 when not). */
  overspentMicros: bigint;
  daysLeft: number;
  /** Today's required daily budget: days[0].micros. */
  todayMicros: bigint;
  days: Array<{ date: IsoDate; micros: bigint }>;
}

const WEIGHT_SCALE = 1_000_000;

export function requiredDailyBudget(input: PacingInput): Pacing {
  if (!isIsoDate(input.date)) throw new RangeError(`date: expected YYYY-MM-DD, got ${input.date}`);
  const weights = input.weekdayWeights ?? [1, 1, 1, 1, 1, 1, 1];
  if (weights.length !== 7 || weights.some((w) => !(w >= 0) || !Number.isFinite(w)) || weights.every((w) => w === 0))
    throw new RangeError('weekdayWeights: expected 7 non-negative weights, Monday to Sunday, not all 0');

  const dates: IsoDate[] = [];
  for (let d = input.date; d.slice(0, 7) === input.date.slice(0, 7); d = addDays(d, 1)) dates.push(d);
  const left = input.monthlyBudgetMicros - input.spentToDateMicros;
  const remaining = left > 0n ? left : 0n;
  const dayWeights = dates.map((d) => BigInt(Math.round(weights[isoWeekday(d) - 1]! * WEIGHT_SCALE)));
  // Remaining days that all weigh 0 (say only Sundays left, weighted 0): spread evenly rather than drop the money.
  const effective = dayWeights.some((w) => w > 0n) ? dayWeights : dayWeights.map(() => 1n);
  const total = effective.reduce((s, w) => s + w, 0n);
  const shares = effective.map((w) => (remaining * w) / total);
  let rest = remaining - shares.reduce((s, x) => s + x, 0n);
  const byRemainder = effective
    .map((w, i) => ({ i, r: (remaining * w) % total }))
    .sort((p, q) => (q.r > p.r ? 1 : q.r < p.r ? -1 : p.i - q.i));
  for (const { i } of byRemainder) {
    if (rest === 0n) break;
    shares[i] = shares[i]! + 1n;
    rest -= 1n;
  }
  return {
    remainingMicros: remaining,
    overspentMicros: left < 0n ? -left : 0n,
    daysLeft: dates.length,
    todayMicros: shares[0]!,
    days: dates.map((date, i) => ({ date, micros: shares[i]! })),
  };
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(date: IsoDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
