import { isIsoDate, daysBetween, type IsoDate } from './dates';
import { isPlatform, PLATFORMS, type Platform } from './platforms';

/**
 * Validation of AE-startable workflow inputs. Pure (runs inside the workflow sandbox): returns the problems so
 * the workflow can fail at once, non-retryably, naming each field.
 */
export class InputError extends Error {
  constructor(
    readonly workflow: string,
    readonly problems: string[],
  ) {
    super(`${workflow} input is invalid: ${problems.join('; ')}`);
    this.name = 'InputError';
  }
}

export interface DailyOpsInput {
  /** Report date (YYYY-MM-DD). Default: yesterday in the agency time zone (config accounts.yaml timeZone). */
  date?: IsoDate;
  /** Advertiser ids from config/accounts.yaml. Default: all. */
  advertisers?: string[];
}

export interface PullAccountInput {
  platform: Platform;
  accountId: string;
  from: IsoDate;
  to: IsoDate;
}

function asObject(workflow: string, raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(workflow, ['the input must be one JSON object, e.g. {"date": "2026-11-21"}']);
  }
  return raw as Record<string, unknown>;
}

function unknownFields(obj: Record<string, unknown>, allowed: string[]): string[] {
  return Object.keys(obj)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${k}: unknown field (allowed: ${allowed.join(', ')})`);
}

export function parseDailyOpsInput(raw: unknown): DailyOpsInput {
  const obj = asObject('dailyOps', raw);
  const problems = unknownFields(obj, ['date', 'advertisers']);
  if (obj.date !== undefined && !isIsoDate(obj.date))
    problems.push(`date: expected YYYY-MM-DD, got ${JSON.stringify(obj.date)}`);
  const advertisers = obj.advertisers;
  if (
    advertisers !== undefined &&
    (!Array.isArray(advertisers) || !advertisers.every((a) => typeof a === 'string' && a.length > 0))
  ) {
    problems.push(`advertisers: expected a list of advertiser ids, got ${JSON.stringify(advertisers)}`);
  }
  if (problems.length > 0) throw new InputError('dailyOps', problems);
  return { date: obj.date as IsoDate | undefined, advertisers: advertisers as string[] | undefined };
}

export const MAX_PULL_DAYS = 93;

export function parsePullAccountInput(raw: unknown): PullAccountInput {
  const obj = asObject('pullAccount', raw);
  const problems = unknownFields(obj, ['platform', 'accountId', 'from', 'to']);
  if (!isPlatform(obj.platform))
    problems.push(`platform: expected one of ${PLATFORMS.join(', ')}, got ${JSON.stringify(obj.platform)}`);
  if (typeof obj.accountId !== 'string' || obj.accountId === '')
    problems.push('accountId: required (e.g. "act_100200300")');
  if (!isIsoDate(obj.from)) problems.push(`from: expected YYYY-MM-DD, got ${JSON.stringify(obj.from)}`);
  if (!isIsoDate(obj.to)) problems.push(`to: expected YYYY-MM-DD, got ${JSON.stringify(obj.to)}`);
  if (isIsoDate(obj.from) && isIsoDate(obj.to)) {
    if (obj.from > obj.to) problems.push(`from: ${obj.from} is after to ${obj.to}`);
    else if (daysBetween(obj.from, obj.to) >= MAX_PULL_DAYS) {
      problems.push(`to: a pull covers at most ${MAX_PULL_DAYS} days; use the backfill workflow for longer ranges`);
    }
  }
  if (problems.length > 0) throw new InputError('pullAccount', problems);
  return obj as unknown as PullAccountInput;
}
