/**
 * The pure half of the durable tracker quota: which documents count a key's calls on a day. AppsFlyer's daily quotas
 * reset at 00:00 UTC whatever the app's zone, so the day is the UTC date of the call.
 */
export function quotaDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The _id of the n-th call (1-based) under a key on now's UTC day: only `limit` such ids exist. */
export function quotaTicketId(key: string, now: Date, n: number): string {
  return `${quotaDay(now)}|${key}|${n}`;
}

/**
 * The ticket numbers to try, most likely free first: after the `taken` already counted, then the holes below it (a
 * ticket given back). Never beyond `limit`, so no more than `limit` tickets can ever exist.
 */
export function ticketOrder(taken: number, limit: number): number[] {
  const start = Math.min(Math.max(taken, 0), limit);
  const after = Array.from({ length: limit - start }, (_, i) => start + 1 + i);
  const holes = Array.from({ length: start }, (_, i) => i + 1);
  return [...after, ...holes];
}
