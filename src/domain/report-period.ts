import { addDays, dateInZone, daysBetween, isIsoDate, type IsoDate } from './dates';

export type PeriodKind = 'daily' | 'weekly' | 'monthly';

export interface PeriodBounds {
  from: IsoDate;
  to: IsoDate;
  /** The same number of days immediately before `from`, so deltas compare like with like. */
  previousFrom: IsoDate;
  previousTo: IsoDate;
}

/**
 * A report's days in the agency's zone. Without a date: daily is yesterday, weekly the last complete ISO week
 * (Monday to Sunday), monthly the last complete calendar month, all as of `now` in `timeZone`. With a date: the day,
 * ISO week or calendar month containing it. Pure: `now` is passed in, never read from the clock.
 */
export function reportPeriod(kind: PeriodKind, options: { date?: IsoDate; now: Date; timeZone: string }): PeriodBounds {
  if (options.date !== undefined && !isIsoDate(options.date))
    throw new RangeError(`date: expected YYYY-MM-DD, got ${options.date}`);
  const today = dateInZone(options.now, options.timeZone);
  const { from, to } = bounds(kind, options.date ?? defaultDate(kind, today));
  const length = daysBetween(from, to) + 1;
  return { from, to, previousFrom: addDays(from, -length), previousTo: addDays(from, -1) };
}

/** A day inside the last complete period before `today`. */
function defaultDate(kind: PeriodKind, today: IsoDate): IsoDate {
  if (kind === 'daily') return addDays(today, -1);
  if (kind === 'weekly') return addDays(today, -7);
  return addDays(firstOfMonth(today), -1);
}

function bounds(kind: PeriodKind, date: IsoDate): { from: IsoDate; to: IsoDate } {
  if (kind === 'daily') return { from: date, to: date };
  if (kind === 'weekly') {
    const monday = addDays(date, 1 - isoWeekday(date));
    return { from: monday, to: addDays(monday, 6) };
  }
  return { from: firstOfMonth(date), to: lastOfMonth(date) };
}

export function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

export function lastOfMonth(date: IsoDate): IsoDate {
  return addDays(firstOfMonth(addDays(firstOfMonth(date), 31)), -1);
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(date: IsoDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
