import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from 'mongodb';
import { AbortError } from 'p-retry';
import type { EngineConfig } from '../config/load';
import { findAccount, type OwnedAccount } from '../config/accounts';
import type { IsoDate } from '../domain/dates';
import type { UpsertCounts } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import {
  afterPage,
  enterStep,
  FIRST_CHECKPOINT,
  pullSteps,
  stepIndex,
  type PullCheckpoint,
  type PullStep,
} from '../domain/pull-steps';
import type { PullAccountInput } from '../domain/workflow-input';
import { checkRange, INVALID_INPUT } from './run-bounds';
import { metricPageProblem } from '../domain/row-checks';
import { ResponseFormatError } from '../connectors/errors';
import { upsertEntities } from '../storage/entities-store';
import { upsertMetricRows } from '../storage/metrics-store';
import { deleteCheckpoint, loadCheckpoint, saveCheckpoint } from '../storage/pull-checkpoints';
import { recordPull } from '../storage/pull-state';
import { saveRawPull, type RawPullKind } from '../storage/raw-pulls';
import type { PlatformConnector, RawExchange } from '../connectors/connector';
import { createConnector } from '../connectors/registry';
import { ApiCallError } from '../connectors/http-client';
import { FAILURE_TYPES, toApplicationFailure } from '../connectors/failures';
import { pacerFor } from '../connectors/rate-limiter';

/** Counts and references only: the rows themselves stay in MongoDB, out of workflow history. */
export interface PullAccountDataResult {
  platform: Platform;
  /** Who owns the rows: always from config/accounts.yaml, never from workflow input. */
  advertiserId: string;
  accountId: string;
  from: IsoDate;
  to: IsoDate;
  pages: number;
  rows: number;
  entities: number;
  counts: UpsertCounts;
}

/** Well under any heartbeat timeout a workflow gives the pull (20 s today). */
const IN_FLIGHT_HEARTBEAT_MS = 5_000;

export interface PullDeps {
  db: Db;
  loadConfig: () => EngineConfig;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export function createPullActivities(deps: PullDeps) {
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());

  return {
    /**
     * Pulls one account's campaigns and daily metrics for [from, to]. Each page is stored (raw + normalised) before
     * its next cursor is heartbeated, so a retry on another worker resumes after the last stored page.
     */
    async pullAccountData(input: PullAccountInput): Promise<PullAccountDataResult> {
      const ctx = Context.current();
      const config = deps.loadConfig();
      const { advertiserId, account } = ownedAccount(config, input);
      checkRange(config, input, account.timeZone, now(), `${input.platform} account ${input.accountId}`);
      const settings = config.platforms.platforms[input.platform];
      if (!settings) {
        throw ApplicationFailure.nonRetryable(
          `config/platforms.yaml has no settings for ${input.platform}`,
          FAILURE_TYPES.config,
        );
      }
      const minBackoffMs = settings.minRateLimitBackoffSeconds * 1000;
      const { workflowId, runId } = ctx.info.workflowExecution ?? {
        workflowId: 'standalone',
        runId: ctx.info.activityId,
      };
      const activityKey = `${workflowId}|${runId}|${ctx.info.activityId}`;
      // Resume from whichever is further along: the last heartbeat the server got, or the last stored page.
      const heartbeated = ctx.info.heartbeatDetails as PullCheckpoint | undefined;
      const saved = await loadCheckpoint(deps.db, activityKey);
      let checkpoint: PullCheckpoint = furthest([heartbeated, saved]) ?? FIRST_CHECKPOINT;
      const resumed = checkpoint.page > 0;
      const connector: PlatformConnector = createConnector({
        platform: input.platform,
        account,
        advertiserId,
        settings,
        env,
        now,
        policy: {
          pacer: pacerFor(input.platform, settings.requestsPerSecond),
          timeoutMs: settings.requestTimeoutSeconds * 1000,
          signal: ctx.cancellationSignal,
          attempts: 5,
          maxInAttemptWaitMs: 30_000,
          minBackoffMs,
          onWait: () => ctx.heartbeat(checkpoint),
          maxBodyBytes: settings.maxBodyBytes,
        },
      });
      const rawPullId = (kind: string, page: number) =>
        `${workflowId}|${runId}|${input.accountId}|${input.from}..${input.to}|${kind}|${page}`;
      const store = (kind: RawPullKind, page: number, exchange: RawExchange) =>
        saveRawPull(deps.db, {
          _id: rawPullId(kind, page),
          platform: input.platform,
          accountId: input.accountId,
          kind,
          page,
          request: exchange.request,
          status: exchange.status,
          body: exchange.body,
          pulledAt: new Date(),
          workflowId,
          runId,
        });
      ctx.log.info('pull starting', { ...input, resumedAtPage: resumed ? checkpoint.page : undefined });

      // A slow report endpoint is not a dead worker: keep heartbeating the last checkpoint while a request is in
      // flight (the SDK throttles the calls). Request timeouts bound each request, so a stuck one still ends.
      const ticker = setInterval(() => ctx.heartbeat(checkpoint), IN_FLIGHT_HEARTBEAT_MS);
      try {
        if (checkpoint.page === 0) {
          const described = await connector.describeAccount();
          await store('account', 0, described.exchange);
          if (described.currency !== account.currency || described.timeZone !== account.timeZone) {
            throw ApplicationFailure.nonRetryable(
              `${input.platform} account ${input.accountId}: the platform says ${described.currency} / ${described.timeZone} but config/accounts.yaml says ${account.currency} / ${account.timeZone}. Fix the config so money and dates are interpreted correctly.`,
              FAILURE_TYPES.accountMismatch,
            );
          }
        }
        const steps = pullSteps(settings.levels);
        for (let step = stepIndex(steps, checkpoint); step < steps.length; step += 1) {
          const current = steps[step] as PullStep;
          const { phase, level } = current;
          checkpoint = enterStep(checkpoint, current);
          const following = steps[step + 1];
          let stepDone = false;
          while (!stepDone) {
            const kind = `${phase}:${level}` as const;
            if (phase === 'entities') {
              const page = await connector.fetchEntities(level, checkpoint.cursor);
              await store(kind, checkpoint.page, page.exchange);
              const entities = await upsertEntities(deps.db, page.items);
              ({ checkpoint, stepDone } = afterPage(checkpoint, { next: page.next, entities }, following));
            } else {
              const page = await connector.fetchMetrics(level, { from: input.from, to: input.to }, checkpoint.cursor);
              // Before anything of the page is stored: one impossible value rejects the whole page.
              const problem = metricPageProblem(page.items, input);
              if (problem) throw new ResponseFormatError(problem.field, problem.message);
              const rawId = rawPullId(kind, checkpoint.page);
              await store(kind, checkpoint.page, page.exchange);
              // Heartbeat the last checkpoint between write batches: a large page on a busy database is not a dead worker.
              const counts = await upsertMetricRows(deps.db, page.items, rawId, () => ctx.heartbeat(checkpoint));
              const rows = page.items.length;
              ({ checkpoint, stepDone } = afterPage(checkpoint, { next: page.next, rows, counts }, following));
            }
            await saveCheckpoint(deps.db, activityKey, checkpoint);
            ctx.heartbeat(checkpoint);
          }
        }
      } catch (err) {
        throw translateError(err, input, checkpoint, minBackoffMs);
      } finally {
        clearInterval(ticker);
      }

      await recordPull(deps.db, { ...input, rows: checkpoint.rows, counts: checkpoint.counts });
      await deleteCheckpoint(deps.db, activityKey);
      const result: PullAccountDataResult = {
        platform: input.platform,
        advertiserId,
        accountId: input.accountId,
        from: input.from,
        to: input.to,
        pages: checkpoint.page,
        rows: checkpoint.rows,
        entities: checkpoint.entities,
        counts: checkpoint.counts,
      };
      ctx.log.info('pull finished', {
        ...result.counts,
        accountId: input.accountId,
        pages: result.pages,
        rows: result.rows,
      });
      return result;
    },
  };
}

/** Pages only move forward, so the checkpoint with the most pages is the latest. */
function furthest(candidates: Array<PullCheckpoint | undefined>): PullCheckpoint | undefined {
  return candidates.reduce<PullCheckpoint | undefined>(
    (best, c) => (c && (!best || c.page > best.page) ? c : best),
    undefined,
  );
}

function ownedAccount(config: EngineConfig, input: PullAccountInput): OwnedAccount {
  const owned = findAccount(config.accounts, input.platform, input.accountId);
  if (owned) return owned;
  throw ApplicationFailure.nonRetryable(
    `accountId: ${input.platform} account ${input.accountId} is not in config/accounts.yaml. Add it (with currency, time zone and credentials) or fix the workflow input.`,
    INVALID_INPUT,
  );
}

function translateError(
  err: unknown,
  input: PullAccountInput,
  checkpoint: PullCheckpoint,
  minBackoffMs: number,
): unknown {
  const inner =
    err instanceof AbortError ? ((err as AbortError & { originalError?: unknown }).originalError ?? err) : err;
  if (inner instanceof ApiCallError) return toApplicationFailure(inner.failure, input, minBackoffMs);
  if (inner instanceof ResponseFormatError) {
    return ApplicationFailure.nonRetryable(
      `${input.platform} account ${input.accountId}: malformed response on page ${checkpoint.page} at ${inner.message}. Nothing from that page was stored; the raw body is not trusted. Check whether the platform changed its format.`,
      FAILURE_TYPES.malformed,
    );
  }
  return inner;
}
