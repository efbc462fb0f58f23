import { isIsoDate, daysBetween, type IsoDate } from './dates';
import { isPlatform, PLATFORMS, type Platform } from './platforms';
import { isTracker, TRACKERS, type Tracker } from './trackers';

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
  /**
   * Trackers (MMPs) whose apps to pull, each over its restatement window in config/trackers.yaml. Default: all of them
   * when `platforms` is not given, none when it is (a run asked for some platforms pulls just those); [] pulls none.
   */
  trackers?: Tracker[];
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

/**
 * Dates outside these are typos in any input (0000-01-01, 9999-12-31). Pure, so the workflow itself rejects them; the
 * tighter bounds (config's earliest date, the account's local today) are checked by the activities that know them.
 */
export const HARD_EARLIEST_DATE = '2000-01-01';
export const HARD_LATEST_DATE = '2099-12-31';
/** Longest backfill any config may allow (about ten years); config/platforms.yaml runs.maxBackfillDays sets the real cap. */
export const MAX_BACKFILL_DAYS = 3660;

/** The problem with a date field, or undefined when it is a real date within the hard bounds. */
function dateProblem(field: string, value: unknown): string | undefined {
  if (!isIsoDate(value)) return `${field}: expected YYYY-MM-DD, got ${JSON.stringify(value)}`;
  if (value < HARD_EARLIEST_DATE || value > HARD_LATEST_DATE) {
    return `${field}: ${value} is outside ${HARD_EARLIEST_DATE}..${HARD_LATEST_DATE}`;
  }
  return undefined;
}

const isBoundedDate = (value: unknown): value is IsoDate => dateProblem('', value) === undefined;

function accountProblems(obj: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!isPlatform(obj.platform))
    problems.push(`platform: expected one of ${PLATFORMS.join(', ')}, got ${JSON.stringify(obj.platform)}`);
  if (typeof obj.accountId !== 'string' || obj.accountId === '')
    problems.push('accountId: required (e.g. "act_100200300")');
  return problems;
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
  const problems = unknownFields(obj, ['date', 'advertisers', 'platforms', 'windowDays', 'trackers']);
  const platforms = obj.platforms;
  if (platforms !== undefined && (!Array.isArray(platforms) || !platforms.every(isPlatform))) {
    problems.push(`platforms: expected a list of ${PLATFORMS.join(', ')}, got ${JSON.stringify(platforms)}`);
  }
  const trackers = obj.trackers;
  if (trackers !== undefined && (!Array.isArray(trackers) || !trackers.every(isTracker))) {
    problems.push(
      `trackers: expected a list of ${TRACKERS.join(', ')} (or [] for none), got ${JSON.stringify(trackers)}`,
    );
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
  const dateIssue = obj.date === undefined ? undefined : dateProblem('date', obj.date);
  if (dateIssue) problems.push(dateIssue);
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
    ...(trackers !== undefined ? { trackers: trackers as Tracker[] } : {}),
  };
}

export function parseBackfillInput(raw: unknown): Required<BackfillInput> {
  const obj = asObject('backfill', raw);
  const problems = unknownFields(obj, ['platform', 'accountId', 'from', 'to', 'chunkDays', 'chunksPerRun']);
  problems.push(...accountProblems(obj));
  const chunking = backfillRangeProblems(obj, problems, 30);
  if (problems.length > 0) throw new InputError('backfill', problems);
  return { ...(obj as unknown as BackfillInput), ...chunking };
}

/** A tracker app's backfill: the same chunks and continue-as-new as an account's, one pullTrackerApp per chunk. */
export interface BackfillTrackerInput {
  tracker: Tracker;
  /** The app's key in config/trackers.yaml (apps[].id). */
  appId: string;
  /** Dates in the app's time zone. */
  from: IsoDate;
  to: IsoDate;
  /** Days per chunk. Default 30: AppsFlyer counts a long range as one call of its daily quota, however long. */
  chunkDays?: number;
  chunksPerRun?: number;
}

export function parseBackfillTrackerInput(raw: unknown): Required<BackfillTrackerInput> {
  const obj = asObject('backfillTrackerApp', raw);
  const problems = unknownFields(obj, ['tracker', 'appId', 'from', 'to', 'chunkDays', 'chunksPerRun']);
  if (!isTracker(obj.tracker))
    problems.push(`tracker: expected one of ${TRACKERS.join(', ')}, got ${JSON.stringify(obj.tracker)}`);
  if (typeof obj.appId !== 'string' || obj.appId === '')
    problems.push('appId: required, the app id of config/trackers.yaml (e.g. "dalbit-eats")');
  const chunking = backfillRangeProblems(obj, problems, MAX_PULL_DAYS);
  if (problems.length > 0) throw new InputError('backfillTrackerApp', problems);
  return { ...(obj as unknown as BackfillTrackerInput), ...chunking };
}

/** from/to/chunkDays/chunksPerRun of a backfill: pushes what is wrong, returns the chunking with its defaults. */
function backfillRangeProblems(
  obj: Record<string, unknown>,
  problems: string[],
  maxChunkDays: number,
): { chunkDays: number; chunksPerRun: number } {
  const fromIssue = dateProblem('from', obj.from);
  if (fromIssue) problems.push(fromIssue);
  const toIssue = dateProblem('to', obj.to);
  if (toIssue) problems.push(toIssue);
  else if (isBoundedDate(obj.from) && isBoundedDate(obj.to)) {
    if (obj.from > obj.to) problems.push(`from: ${obj.from} is after to ${obj.to}`);
    else if (daysBetween(obj.from, obj.to) >= MAX_BACKFILL_DAYS) {
      problems.push(`to: a backfill covers at most ${MAX_BACKFILL_DAYS} days; split the range`);
    }
  }
  const chunkDays = obj.chunkDays ?? 30;
  if (!Number.isInteger(chunkDays) || (chunkDays as number) < 1 || (chunkDays as number) > maxChunkDays) {
    problems.push(
      `chunkDays: expected a whole number of days from 1 to ${maxChunkDays}, got ${JSON.stringify(obj.chunkDays)}`,
    );
  }
  const chunksPerRun = obj.chunksPerRun ?? 10;
  if (!Number.isInteger(chunksPerRun) || (chunksPerRun as number) < 1 || (chunksPerRun as number) > 200) {
    problems.push(`chunksPerRun: expected a whole number from 1 to 200, got ${JSON.stringify(obj.chunksPerRun)}`);
  }
  return { chunkDays: chunkDays as number, chunksPerRun: chunksPerRun as number };
}

export const MAX_PULL_DAYS = 93;

export function parsePullAccountInput(raw: unknown): PullAccountInput {
  const obj = asObject('pullAccount', raw);
  const problems = unknownFields(obj, ['platform', 'accountId', 'from', 'to']);
  problems.push(...accountProblems(obj));
  for (const issue of [dateProblem('from', obj.from), dateProblem('to', obj.to)]) if (issue) problems.push(issue);
  if (isBoundedDate(obj.from) && isBoundedDate(obj.to)) {
    if (obj.from > obj.to) problems.push(`from: ${obj.from} is after to ${obj.to}`);
    else if (daysBetween(obj.from, obj.to) >= MAX_PULL_DAYS) {
      problems.push(`to: a pull covers at most ${MAX_PULL_DAYS} days; use the backfill workflow for longer ranges`);
    }
  }
  if (problems.length > 0) throw new InputError('pullAccount', problems);
  return obj as unknown as PullAccountInput;
}

export interface PullTrackerAppInput {
  tracker: Tracker;
  /** The app's key in config/trackers.yaml (apps[].id, e.g. "dalbit-eats"), or the tracker's own app id. */
  appId: string;
  /** Dates in the app's time zone. */
  from: IsoDate;
  to: IsoDate;
  /**
   * When the tracker's daily quota is spent: wait for its reset (00:00 UTC for AppsFlyer; the default) or fail at once
   * naming it (what the daily run asks, so one spent quota never holds the day's run for hours).
   */
  waitForQuota?: boolean;
}

export function parsePullTrackerAppInput(raw: unknown): PullTrackerAppInput {
  const obj = asObject('pullTrackerApp', raw);
  const problems = unknownFields(obj, ['tracker', 'appId', 'from', 'to', 'waitForQuota']);
  if (obj.waitForQuota !== undefined && typeof obj.waitForQuota !== 'boolean')
    problems.push(`waitForQuota: expected true or false, got ${JSON.stringify(obj.waitForQuota)}`);
  if (!isTracker(obj.tracker))
    problems.push(`tracker: expected one of ${TRACKERS.join(', ')}, got ${JSON.stringify(obj.tracker)}`);
  if (typeof obj.appId !== 'string' || obj.appId === '')
    problems.push('appId: required, the app id of config/trackers.yaml (e.g. "dalbit-eats")');
  for (const issue of [dateProblem('from', obj.from), dateProblem('to', obj.to)]) if (issue) problems.push(issue);
  if (isBoundedDate(obj.from) && isBoundedDate(obj.to)) {
    if (obj.from > obj.to) problems.push(`from: ${obj.from} is after to ${obj.to}`);
    else if (daysBetween(obj.from, obj.to) >= MAX_PULL_DAYS) {
      problems.push(`to: a tracker pull covers at most ${MAX_PULL_DAYS} days; split the range`);
    }
  }
  if (problems.length > 0) throw new InputError('pullTrackerApp', problems);
  return obj as unknown as PullTrackerAppInput;
}

/** What a backfill run carries into the next (continue-as-new). Never data. */
export interface BackfillCarry {
  nextChunk: number;
  run: number;
  rows: number;
  counts: { inserted: number; updated: number; unchanged: number };
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The second argument of `backfill`. The Web UI lets anyone type it, so it is input: a chunk index outside the range
 * or a negative count fails the run at once instead of throwing a TypeError that Temporal would retry forever.
 */
export function parseBackfillCarry(raw: unknown, chunksTotal: number): BackfillCarry | undefined {
  if (raw === undefined || raw === null) return undefined;
  const obj = asObject('backfill (continuation)', raw);
  const problems = unknownFields(obj, ['nextChunk', 'run', 'rows', 'counts']);
  if (!isCount(obj.nextChunk) || obj.nextChunk > chunksTotal) {
    problems.push(`nextChunk: expected a chunk index 0..${chunksTotal}, got ${JSON.stringify(obj.nextChunk)}`);
  }
  if (!isCount(obj.run) || obj.run < 1)
    problems.push(`run: expected a whole number ≥ 1, got ${JSON.stringify(obj.run)}`);
  if (!isCount(obj.rows)) problems.push(`rows: expected a whole number ≥ 0, got ${JSON.stringify(obj.rows)}`);
  const counts = obj.counts as Record<string, unknown> | undefined;
  const countsOk =
    typeof counts === 'object' &&
    counts !== null &&
    Object.keys(counts).length === 3 &&
    ['inserted', 'updated', 'unchanged'].every((k) => isCount(counts[k]));
  if (!countsOk) {
    problems.push(
      `counts: expected {"inserted", "updated", "unchanged"} whole numbers ≥ 0, got ${JSON.stringify(counts)}`,
    );
  }
  if (problems.length > 0) throw new InputError('backfill', problems);
  return obj as unknown as BackfillCarry;
}

export interface RebalanceInput {
  advertiserId: string;
  /** One rule of the advertiser's (config/rules.yaml). Default: every rule of the advertiser. */
  ruleId?: string;
  /** Plan and record, never wait for approval and never apply. */
  dryRun?: boolean;
  /** The day the plan is made for (YYYY-MM-DD, agency zone): its history ends before it. Default: today. */
  date?: IsoDate;
  /** Undo an applied plan: its changed entities back to their `from` values, as a new plan through approval. */
  revertPlanId?: string;
}

export function parseRebalanceInput(raw: unknown): RebalanceInput {
  const workflow = 'rebalanceBudgets';
  const obj = asObject(workflow, raw);
  const problems = unknownFields(obj, ['advertiserId', 'ruleId', 'dryRun', 'date', 'revertPlanId']);
  if (obj.revertPlanId !== undefined && (typeof obj.revertPlanId !== 'string' || obj.revertPlanId === ''))
    problems.push(`revertPlanId: expected the id of an applied plan, got ${JSON.stringify(obj.revertPlanId)}`);
  if (obj.revertPlanId !== undefined && (obj.ruleId !== undefined || obj.dryRun !== undefined))
    problems.push('revertPlanId: a revert takes no ruleId or dryRun (it always asks for approval)');
  if (typeof obj.advertiserId !== 'string' || obj.advertiserId === '')
    problems.push('advertiserId: required (an advertiser id from config/accounts.yaml, e.g. "hanbit-cosmetics")');
  if (obj.ruleId !== undefined && (typeof obj.ruleId !== 'string' || obj.ruleId === ''))
    problems.push(`ruleId: expected a rule id from config/rules.yaml, got ${JSON.stringify(obj.ruleId)}`);
  if (obj.dryRun !== undefined && typeof obj.dryRun !== 'boolean')
    problems.push(`dryRun: expected true or false, got ${JSON.stringify(obj.dryRun)}`);
  const dateIssue = obj.date === undefined ? undefined : dateProblem('date', obj.date);
  if (dateIssue) problems.push(dateIssue);
  if (problems.length > 0) throw new InputError(workflow, problems);
  return {
    advertiserId: obj.advertiserId as string,
    ...(obj.ruleId !== undefined ? { ruleId: obj.ruleId as string } : {}),
    ...(obj.dryRun !== undefined ? { dryRun: obj.dryRun as boolean } : {}),
    ...(obj.date !== undefined ? { date: obj.date as IsoDate } : {}),
    ...(obj.revertPlanId !== undefined ? { revertPlanId: obj.revertPlanId as string } : {}),
  };
}

export const REPORT_PERIODS = ['daily', 'weekly', 'monthly'] as const;
export const REPORT_FORMATS = ['xlsx', 'csv', 'html', 'pdf'] as const;
export const REPORT_LOCALES = ['ko-KR', 'en-US'] as const;

export interface GenerateReportInput {
  advertiserId: string;
  period: (typeof REPORT_PERIODS)[number];
  /** A day inside the wanted period (agency zone). Default: the last complete period. */
  date?: IsoDate;
  /** Default: every format. */
  formats?: Array<(typeof REPORT_FORMATS)[number]>;
  /** Default ko-KR. */
  locale?: (typeof REPORT_LOCALES)[number];
  /** Send the summary and the files' location to Slack (ADOPS_SLACK_WEBHOOK_URL). */
  deliver?: boolean;
  /** With deliver: wait for an AE's `review` Update before sending; nobody deciding in time means not sent. */
  review?: boolean;
  /** How long a review waits, in minutes (1 to 10080). Default 1440. */
  reviewExpiresAfterMinutes?: number;
}

export function parseGenerateReportInput(raw: unknown): GenerateReportInput {
  const workflow = 'generateReport';
  const obj = asObject(workflow, raw);
  const allowed = [
    'advertiserId',
    'period',
    'date',
    'formats',
    'locale',
    'deliver',
    'review',
    'reviewExpiresAfterMinutes',
  ];
  const problems = unknownFields(obj, allowed);
  const oneOf = (values: readonly string[], value: unknown) => typeof value === 'string' && values.includes(value);
  if (typeof obj.advertiserId !== 'string' || obj.advertiserId === '')
    problems.push('advertiserId: required (an advertiser id from config/accounts.yaml, e.g. "hanbit-cosmetics")');
  if (!oneOf(REPORT_PERIODS, obj.period))
    problems.push(`period: expected one of ${REPORT_PERIODS.join(', ')}, got ${JSON.stringify(obj.period)}`);
  const dateIssue = obj.date === undefined ? undefined : dateProblem('date', obj.date);
  if (dateIssue) problems.push(dateIssue);
  if (
    obj.formats !== undefined &&
    (!Array.isArray(obj.formats) || obj.formats.length === 0 || !obj.formats.every((f) => oneOf(REPORT_FORMATS, f)))
  )
    problems.push(
      `formats: expected a non-empty list of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(obj.formats)}`,
    );
  if (obj.locale !== undefined && !oneOf(REPORT_LOCALES, obj.locale))
    problems.push(`locale: expected one of ${REPORT_LOCALES.join(', ')}, got ${JSON.stringify(obj.locale)}`);
  for (const flag of ['deliver', 'review'] as const)
    if (obj[flag] !== undefined && typeof obj[flag] !== 'boolean')
      problems.push(`${flag}: expected true or false, got ${JSON.stringify(obj[flag])}`);
  if (obj.review === true && obj.deliver !== true) problems.push('review: applies only with "deliver": true');
  const minutes = obj.reviewExpiresAfterMinutes;
  if (minutes !== undefined && (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 10_080))
    problems.push(`reviewExpiresAfterMinutes: whole minutes 1..10080, got ${JSON.stringify(minutes)}`);
  if (problems.length > 0) throw new InputError(workflow, problems);
  return obj as unknown as GenerateReportInput;
}
