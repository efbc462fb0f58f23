import { addDays, dateInZone, daysBetween, type IsoDate } from './dates';

/**
 * When a platform stops changing a day's numbers. Most platforms restate a trailing window of days (Meta 28,
 * Google 14, TikTok and Naver 3); Kakao's values are provisional until 08:00 KST the next day.
 */
export interface MaturityRule {
  /** Days after the report date during which values may still change. */
  windowDays: number;
  /** "HH:MM" local time on (date + windowDays) from which the day is settled; without it, from midnight. */
  settlesAt?: string;
}

export function isMature(date: IsoDate, now: Date, timeZone: string, rule: MaturityRule): boolean {
  const today = dateInZone(now, timeZone);
  if (!rule.settlesAt) return daysBetween(date, today) >= rule.windowDays;
  const settleDay = addDays(date, rule.windowDays);
  if (today !== settleDay) return today > settleDay;
  return localTime(now, timeZone) >= rule.settlesAt;
}

/** "HH:MM" of an instant in a zone. */
export function localTime(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    now,
  );
}
