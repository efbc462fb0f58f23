import { ApplicationFailure } from '@temporalio/common';
import type { EngineConfig } from '../config/load';
import { dateInZone, daysBetween, type IsoDate } from '../domain/dates';

/** Failure type of input that is well-formed but not allowed by config or by the calendar. */
export const INVALID_INPUT = 'InvalidWorkflowInput';

const refuse = (message: string) => ApplicationFailure.nonRetryable(message, INVALID_INPUT);

/**
 * A range is pullable when it starts on or after config's earliest date and ends no later than today in the zone
 * its days are counted in (the account's, or the agency's for a daily run). Checked before anything is written.
 */
export function checkRange(
  config: EngineConfig,
  range: { from: IsoDate; to: IsoDate },
  timeZone: string,
  now: Date,
  what: string,
): void {
  const { earliestDate } = config.platforms.runs;
  const today = dateInZone(now, timeZone);
  if (range.to > today) {
    throw refuse(`to: ${range.to} is after today in ${what}'s time zone (${timeZone}: ${today}); pick a past date.`);
  }
  if (range.from < earliestDate) {
    throw refuse(
      `from: ${range.from} is before the earliest date config allows (${earliestDate}, runs.earliestDate in config/platforms.yaml).`,
    );
  }
}

export function checkBackfillLength(config: EngineConfig, range: { from: IsoDate; to: IsoDate }): void {
  const { maxBackfillDays } = config.platforms.runs;
  const days = daysBetween(range.from, range.to) + 1;
  if (days > maxBackfillDays) {
    throw refuse(
      `to: the backfill covers ${days} days, more than the ${maxBackfillDays} config allows (runs.maxBackfillDays in config/platforms.yaml); split the range.`,
    );
  }
}
