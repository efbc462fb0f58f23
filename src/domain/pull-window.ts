import { addDays, type IsoDate } from './dates';

/**
 * The days a routine pull re-fetches so restated values are caught: the report date and the days before it that the
 * platform may still change (Meta 28, Google 14, TikTok and Naver 3, Kakao only the day itself).
 */
export function restatementRange(date: IsoDate, windowDays: number): { from: IsoDate; to: IsoDate } {
  return { from: addDays(date, -(Math.max(windowDays, 1) - 1)), to: date };
}
