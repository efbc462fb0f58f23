import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/dates';
import { COLLECTIONS } from '../../src/storage/mongo';
import { useTestEnv } from '../helpers/test-env';

interface BadInput {
  name: string;
  type: string;
  args: unknown[];
  /** What the failure must name (the field, or for an unknown type the known ones). */
  names: RegExp;
  failureType?: string;
}

const today = dateInZone(new Date(), 'Asia/Seoul');
const yesterday = addDays(today, -1);
const tomorrowEverywhere = addDays(today, 2);
const meta = { platform: 'meta', accountId: 'act_100200300' };
const pull = (over: Record<string, unknown>) => [{ ...meta, from: yesterday, to: yesterday, ...over }];
const backfill = (over: Record<string, unknown>, carry?: unknown) => [
  { ...meta, from: addDays(yesterday, -60), to: yesterday, ...over },
  ...(carry === undefined ? [] : [carry]),
];
const carry = { nextChunk: 0, run: 1, rows: 0, counts: { inserted: 0, updated: 0, unchanged: 0 } };

const daily = (type: string): BadInput[] => [
  { name: 'a string', type, args: ['2026-11-21'], names: /one JSON object/ },
  { name: 'an array', type, args: [['2026-11-21']], names: /one JSON object/ },
  { name: 'date in year 0000', type, args: [{ date: '0000-01-01' }], names: /date: 0000-01-01 is outside/ },
  { name: 'date in 2099 (after today)', type, args: [{ date: '2099-01-01' }], names: /to: 2099-01-01 is after today/ },
  { name: 'date tomorrow', type, args: [{ date: tomorrowEverywhere }], names: /is after today/ },
  { name: 'date before the earliest', type, args: [{ date: '2010-06-01' }], names: /before the earliest date/ },
  { name: 'date not ISO', type, args: [{ date: '21/11/2026' }], names: /date: expected YYYY-MM-DD/ },
  { name: 'date impossible', type, args: [{ date: '2026-02-30' }], names: /date: expected YYYY-MM-DD/ },
  { name: 'date a number', type, args: [{ date: 20261121 }], names: /date: expected YYYY-MM-DD/ },
  { name: 'unknown field', type, args: [{ advertiser: ['x'] }], names: /advertiser: unknown field/ },
  {
    name: 'advertisers not a list',
    type,
    args: [{ advertisers: 'hanbit-cosmetics' }],
    names: /advertisers: expected a list/,
  },
  {
    name: 'advertisers with a query object',
    type,
    args: [{ advertisers: [{ $gt: '' }] }],
    names: /advertisers: expected a list/,
  },
  { name: 'unknown advertiser', type, args: [{ advertisers: ['nobody'] }], names: /advertisers: unknown advertiser/ },
  { name: 'unknown platform', type, args: [{ platforms: ['facebook'] }], names: /platforms: expected a list/ },
  { name: 'windowDays zero', type, args: [{ windowDays: { meta: 0 } }], names: /windowDays/ },
  { name: 'windowDays over the pull limit', type, args: [{ windowDays: { meta: 1000 } }], names: /windowDays/ },
  { name: 'windowDays for an unknown platform', type, args: [{ windowDays: { tik_tok: 3 } }], names: /windowDays/ },
  { name: 'windowDays fractional', type, args: [{ windowDays: { meta: 1.5 } }], names: /windowDays/ },
];

const CASES: BadInput[] = [
  ...daily('dailyOps'),
  ...daily('pullAll'),
  { name: 'no input', type: 'pullAccount', args: [], names: /platform: expected one of/ },
  {
    name: 'advertiserId typed into the Web UI',
    type: 'pullAccount',
    args: pull({ advertiserId: 'dalbit-foods' }),
    names: /advertiserId: unknown field/,
  },
  {
    name: 'advertiserId as a query object',
    type: 'pullAccount',
    args: pull({ advertiserId: { $gt: '' } }),
    names: /advertiserId: unknown field/,
  },
  { name: 'unknown platform', type: 'pullAccount', args: pull({ platform: 'fb' }), names: /platform: expected one of/ },
  { name: 'empty account', type: 'pullAccount', args: pull({ accountId: '' }), names: /accountId: required/ },
  {
    name: 'account as a query object',
    type: 'pullAccount',
    args: pull({ accountId: { $gt: '' } }),
    names: /accountId: required/,
  },
  {
    name: 'account not in config',
    type: 'pullAccount',
    args: pull({ accountId: 'act_999' }),
    names: /accountId: meta account act_999 is not in config/,
  },
  {
    name: 'account of another platform',
    type: 'pullAccount',
    args: pull({ platform: 'naver' }),
    names: /accountId: naver account act_100200300 is not in config/,
  },
  {
    name: 'to in 2099',
    type: 'pullAccount',
    args: pull({ from: '2098-12-31', to: '2099-01-01' }),
    names: /to: 2099-01-01 is after today/,
  },
  { name: 'to tomorrow', type: 'pullAccount', args: pull({ to: tomorrowEverywhere }), names: /to: .* is after today/ },
  {
    name: 'from in year 0000',
    type: 'pullAccount',
    args: pull({ from: '0000-01-01' }),
    names: /from: 0000-01-01 is outside/,
  },
  {
    name: 'from before the earliest date',
    type: 'pullAccount',
    args: pull({ from: '2014-12-01', to: '2014-12-31' }),
    names: /before the earliest date/,
  },
  {
    name: 'from after to',
    type: 'pullAccount',
    args: pull({ from: today, to: yesterday }),
    names: /from: .* is after to/,
  },
  {
    name: 'range over 93 days',
    type: 'pullAccount',
    args: pull({ from: addDays(yesterday, -100) }),
    names: /at most 93 days/,
  },
  {
    name: 'from not a date',
    type: 'pullAccount',
    args: pull({ from: 'yesterday' }),
    names: /from: expected YYYY-MM-DD/,
  },
  { name: 'to missing', type: 'pullAccount', args: pull({ to: undefined }), names: /to: expected YYYY-MM-DD/ },
  { name: 'unknown field', type: 'pullAccount', args: pull({ level: 'adset' }), names: /level: unknown field/ },
  { name: 'a list', type: 'pullAccount', args: [[meta]], names: /one JSON object/ },
  {
    name: 'whole calendar',
    type: 'backfill',
    args: backfill({ from: '0001-01-01', to: '9999-12-31' }),
    names: /from: 0001-01-01 is outside/,
  },
  {
    name: 'over ten years',
    type: 'backfill',
    args: backfill({ from: '2000-01-01', to: '2099-12-31' }),
    names: /at most 3660 days/,
  },
  {
    name: 'over the configured cap',
    type: 'backfill',
    args: backfill({ from: addDays(yesterday, -1500) }),
    names: /more than the 1100 config allows/,
  },
  {
    name: 'to in the future',
    type: 'backfill',
    args: backfill({ from: '2098-11-01', to: '2099-01-01' }),
    names: /to: 2099-01-01 is after today/,
  },
  {
    name: 'before the earliest date',
    type: 'backfill',
    args: backfill({ from: '2014-01-01', to: '2014-12-31' }),
    names: /before the earliest date/,
  },
  {
    name: 'unknown account',
    type: 'backfill',
    args: backfill({ accountId: 'act_1' }),
    names: /accountId: meta account act_1 is not in config/,
  },
  { name: 'chunkDays zero', type: 'backfill', args: backfill({ chunkDays: 0 }), names: /chunkDays/ },
  { name: 'chunkDays 31', type: 'backfill', args: backfill({ chunkDays: 31 }), names: /chunkDays/ },
  { name: 'chunksPerRun negative', type: 'backfill', args: backfill({ chunksPerRun: -1 }), names: /chunksPerRun/ },
  { name: 'chunksPerRun huge', type: 'backfill', args: backfill({ chunksPerRun: 1e9 }), names: /chunksPerRun/ },
  {
    name: 'from after to',
    type: 'backfill',
    args: backfill({ from: yesterday, to: addDays(yesterday, -5) }),
    names: /from: .* is after to/,
  },
  {
    name: 'unknown field',
    type: 'backfill',
    args: backfill({ advertiserId: 'x' }),
    names: /advertiserId: unknown field/,
  },
  {
    name: 'continuation nextChunk -1',
    type: 'backfill',
    args: backfill({}, { ...carry, nextChunk: -1 }),
    names: /nextChunk: expected a chunk index/,
  },
  {
    name: 'continuation nextChunk 999999',
    type: 'backfill',
    args: backfill({}, { ...carry, nextChunk: 999999 }),
    names: /nextChunk: expected a chunk index/,
  },
  {
    name: 'continuation run -5',
    type: 'backfill',
    args: backfill({}, { ...carry, run: -5 }),
    names: /run: expected a whole number/,
  },
  {
    name: 'continuation rows negative',
    type: 'backfill',
    args: backfill({}, { ...carry, rows: -1 }),
    names: /rows: expected a whole number/,
  },
  {
    name: 'continuation counts missing',
    type: 'backfill',
    args: backfill({}, { nextChunk: 0, run: 1, rows: 0 }),
    names: /counts: expected/,
  },
  { name: 'continuation a string', type: 'backfill', args: backfill({}, 'resume'), names: /one JSON object/ },
  {
    name: 'continuation unknown field',
    type: 'backfill',
    args: backfill({}, { ...carry, chunk: 1 }),
    names: /chunk: unknown field/,
  },
  {
    name: 'a tracker backfill of an unknown tracker and a reversed range',
    type: 'backfillTrackerApp',
    args: [{ tracker: 'kochava', appId: 'dalbit-eats', from: '2026-03-01', to: '2026-01-01' }],
    names: /tracker: expected one of appsflyer, adjust, airbridge.*from: 2026-03-01 is after to 2026-01-01/,
  },
  {
    name: 'a tracker backfill continuation past its chunks',
    type: 'backfillTrackerApp',
    args: [
      { tracker: 'adjust', appId: 'dalbit-eats', from: '2026-01-01', to: '2026-01-31' },
      { ...carry, nextChunk: 999999 },
    ],
    names: /nextChunk: expected a chunk index 0\.\.2/,
  },
  {
    name: 'a typo in the type',
    type: 'dailyOp',
    args: [{}],
    names: /Unknown workflow type "dailyOp".*dailyOps, pullAll, backfill, backfillTrackerApp, pullAccount/,
    failureType: 'UnknownWorkflowType',
  },
  {
    name: 'a lower-case type',
    type: 'pullaccount',
    args: pull({}),
    names: /Unknown workflow type "pullaccount"/,
    failureType: 'UnknownWorkflowType',
  },
];

async function countAll(db: import('mongodb').Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of Object.values(COLLECTIONS)) counts[name] = await db.collection(name).countDocuments();
  return counts;
}

describe('bad workflow input fails at once, non-retryably, naming the field, and writes nothing', () => {
  const env = useTestEnv();

  it('has at least 60 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it.each(CASES)('$type: $name', async ({ type, args, names, failureType }) => {
    const before = await countAll(env.database.db);
    const workflowId = `bad:${type}:${Math.random().toString(36).slice(2)}:${env.taskQueue}`;
    const error = await env.client.workflow
      .execute(type, { taskQueue: env.taskQueue, workflowId, args, workflowExecutionTimeout: '1 minute' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    let root = (error as WorkflowFailedError).cause as {
      cause?: unknown;
      type?: string;
      message: string;
      nonRetryable?: boolean;
    };
    while (root.cause) root = root.cause as typeof root;
    expect(root.type).toBe(failureType ?? 'InvalidWorkflowInput');
    expect(root.nonRetryable).toBe(true);
    expect(root.message).toMatch(names);
    // At once: the run failed on its first attempt of everything it ran.
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt).filter(Boolean);
    expect(attempts.every((a) => a === 1)).toBe(true);
    expect(await countAll(env.database.db)).toEqual(before);
  });
});
