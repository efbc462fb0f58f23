import { addDays, instantInZone, type IsoDate } from '../dates';

const DAY_MS = 86_400_000;

/**
 * From when an applied change still holds an entity in its cooldown, for a plan made at `now` for the agency day
 * `date`; null when nothing does (no cooldown).
 *
 * A cooldown of whole days counts calendar days in the agency's zone: "48h" means a budget changed on day D may
 * change again on D+2. Measured to the second, a daily run would lose a day whenever it reached the entity a few
 * seconds earlier than the run that changed it (the apply happens after that day's pulls and planning), so "48h"
 * would mean two or three days depending on how long the runs took. Other cooldowns are measured from `now`.
 */
export function cooldownSince(plan: { now: Date; date: IsoDate; timeZone: string }, cooldownMs: number): Date | null {
  if (cooldownMs <= 0) return null;
  if (cooldownMs % DAY_MS === 0)
    return instantInZone(addDays(plan.date, 1 - cooldownMs / DAY_MS), '00:00', plan.timeZone);
  return new Date(plan.now.getTime() - cooldownMs);
}
