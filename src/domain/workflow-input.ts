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
  /** Platforms to pull. Default: all configured. */
  platforms?: Platform[];
  /** Days to re-pull per platform, overriding the restatement windows in config/platforms.yaml. */
  windowDays?: Partial<Record<Platform, number>>;
}

/** pullAll takes the same input as dailyOps: it is the daily run without the report. */
export type PullAllInput = DailyOpsInput;

export interface BackfillInput {
  platform: Platform;
  accountId: string;
  from: IsoDate;
  to: IsoDate;
  /** Days per chunk (one pull each). Default 30, the most every platform accepts in one report request. */
  chunkDays?: number;
  /** Chunks per workflow run before continuing as new, keeping each run's history small. Default 10. */
  chunksPerRun?: number;
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

export function parseDailyOpsInput(raw: unknown, workflow = 'dailyOps'): DailyOpsInput {
  const obj = asObject(workflow, raw);
  const problems = unknownFields(obj, ['date', 'advertisers', 'platforms', 'windowDays']);
  const platforms = obj.platforms;
  if (platforms !== undefined && (!Array.isArray(platforms) || !platforms.every(isPlatform))) {
    problems.push(`platforms: expected a list of ${PLATFORMS.join(', ')}, got ${JSON.stringify(platforms)}`);
  }
  const windowDays = obj.windowDays;
  if (windowDays !== undefined) {
    const valid =
      typeof windowDays === 'object' &&
      windowDays !== null &&
      !Array.isArray(windowDays) &&
      Object.entries(windowDays).every(
        ([k, v]) => isPlatform(k) && Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_PULL_DAYS,
      );
    if (!valid)
      problems.push(
        `windowDays: expected e.g. {"meta": 7} with whole days 1..${MAX_PULL_DAYS}, got ${JSON.stringify(windowDays)}`,
      );
  }
  if (obj.date !== undefined && !isIsoDate(obj.date))
    problems.push(`date: expected YYYY-MM-DD, got ${JSON.stringify(obj.date)}`);
  const advertisers = obj.advertisers;
  if (
    advertisers !== undefined &&
    (!Array.isArray(advertisers) || !advertisers.every((a) => typeof a === 'string' && a.length > 0))
  ) {
    problems.push(`advertisers: expected a list of advertiser ids, got ${JSON.stringify(advertisers)}`);
  }
  if (problems.length > 0) throw new InputError(workflow, problems);
  return {
    date: obj.date as IsoDate | undefined,
    advertisers: advertisers as string[] | undefined,
    platforms: platforms as Platform[] | undefined,
    windowDays: windowDays as DailyOpsInput['windowDays'],
  };
}

export function parseBackfillInput(raw: unknown): Required<BackfillInput> {
  const obj = asObject('backfill', raw);
  const problems = unknownFields(obj, ['platform', 'accountId', 'from', 'to', 'chunkDays', 'chunksPerRun']);
  try {
    parsePullAccountInput({ platform: obj.platform, accountId: obj.accountId, from: obj.from, to: obj.from });
  } catch (err) {
    if (err instanceof InputError) problems.push(...err.problems);
  }
  if (!isIsoDate(obj.to)) problems.push(`to: expected YYYY-MM-DD, got ${JSON.stringify(obj.to)}`);
  else if (isIsoDate(obj.from) && obj.from > obj.to) problems.push(`from: ${obj.from} is after to ${obj.to}`);
  const chunkDays = obj.chunkDays ?? 30;
  if (!Number.isInteger(chunkDays) || (chunkDays as number) < 1 || (chunkDays as number) > 30) {
    problems.push(`chunkDays: expected a whole number of days from 1 to 30, got ${JSON.stringify(obj.chunkDays)}`);
  }
  const chunksPerRun = obj.chunksPerRun ?? 10;
  if (!Number.isInteger(chunksPerRun) || (chunksPerRun as number) < 1 || (chunksPerRun as number) > 200) {
    problems.push(`chunksPerRun: expected a whole number from 1 to 200, got ${JSON.stringify(obj.chunksPerRun)}`);
  }
  if (problems.length > 0) throw new InputError('backfill', problems);
  return { ...(obj as unknown as BackfillInput), chunkDays: chunkDays as number, chunksPerRun: chunksPerRun as number };
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
