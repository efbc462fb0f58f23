import { addDays, type IsoDate } from '../../domain/dates';

/**
 * Adjust dates rows by a fixed `utc_offset`, not an IANA zone, so a range across a daylight-saving change is asked
 * in runs of days that share one offset; each day's offset is the zone's at 12:00 UTC that day, well clear of the
 * night-time switch in every zone we report in.
 */
export function utcOffsetOn(date: IsoDate, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = name?.replace(/^GMT/, '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

export function utcOffsetRuns(
  range: { from: IsoDate; to: IsoDate },
  timeZone: string,
): Array<{ from: IsoDate; to: IsoDate; utcOffset: string }> {
  const runs: Array<{ from: IsoDate; to: IsoDate; utcOffset: string }> = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    const utcOffset = utcOffsetOn(date, timeZone);
    const last = runs[runs.length - 1];
    if (last && last.utcOffset === utcOffset) last.to = date;
    else runs.push({ from: date, to: date, utcOffset });
  }
  return runs;
}
