import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import type { EntityLevel } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { BudgetRefused, type BudgetConnector, type BudgetTarget } from '../connectors/budget';
import { ResponseFormatError } from '../connectors/errors';
import { FAILURE_TYPES, toApplicationFailure } from '../connectors/failures';
import { ApiCallError } from '../connectors/http-client';
import { createBudgetConnector } from '../connectors/registry';
import { closeLedgerEntry, openLedgerEntry, type LedgerStatus } from '../storage/budget-store';
import { connectorRequestFor } from './connector-request';

export interface BudgetTargetInput extends BudgetTarget {
  key: string;
}

export interface ReadBudgetsInput {
  platform: Platform;
  accountId: string;
  targets: BudgetTargetInput[];
}

/** A budget as read from the platform; micros as decimal strings (workflow history is JSON). */
export interface BudgetReadingRecord {
  key: string;
  level: EntityLevel;
  entityId: string;
  campaignId?: string;
  micros: string | null;
  holder?: { id: string; shared: boolean };
}

export interface BudgetChange {
  key: string;
  level: EntityLevel;
  entityId: string;
  campaignId?: string;
  fromMicros: string;
  toMicros: string;
}

export interface ApplyBudgetChangesInput {
  planId: string;
  platform: Platform;
  accountId: string;
  changes: BudgetChange[];
}

export interface ChangeOutcome {
  key: string;
  status: Exclude<LedgerStatus, 'pending'>;
  detail?: string;
  observedMicros?: string;
  readBackMicros?: string;
}

export interface BudgetActivityDeps {
  db: Db;
  loadConfig: () => EngineConfig;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** Activities that read and write budgets on a platform: registered on that platform's task queue. */
export function createBudgetActivities(deps: BudgetActivityDeps) {
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());

  function connectorFor(target: { platform: Platform; accountId: string }, progress: () => unknown): BudgetConnector {
    const ctx = Context.current();
    const { request } = connectorRequestFor(deps.loadConfig(), target, ctx, {
      env,
      now,
      onWait: () => ctx.heartbeat(progress()),
    });
    return createBudgetConnector(request);
  }

  /** Turns connector errors into failures Temporal can act on (retry transient ones, stop on auth and bad requests). */
  async function platformCall<T>(
    target: { platform: Platform; accountId: string },
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof ApiCallError) throw toApplicationFailure(err.failure, target, 1_000);
      if (err instanceof ResponseFormatError) {
        throw ApplicationFailure.retryable(
          `${target.platform} account ${target.accountId}: malformed budget response: ${err.message}`,
          FAILURE_TYPES.malformed,
        );
      }
      throw err;
    }
  }

  return {
    /** The daily budget in force on each target, read from the platform now (a plan never trusts a stored copy). */
    async readBudgets(input: ReadBudgetsInput): Promise<BudgetReadingRecord[]> {
      let done = 0;
      const connector = connectorFor(input, () => done);
      const readings: BudgetReadingRecord[] = [];
      for (const target of input.targets) {
        const reading = await platformCall(input, () => connector.readBudget(target));
        readings.push({
          key: target.key,
          level: target.level,
          entityId: target.entityId,
          ...(target.campaignId ? { campaignId: target.campaignId } : {}),
          micros: reading.micros === null ? null : reading.micros.toString(),
          ...(reading.holder ? { holder: reading.holder } : {}),
        });
        done += 1;
        Context.current().heartbeat(done);
      }
      return readings;
    },

    /**
     * Applies a plan's approved changes to one account, each exactly once: the ledger entry is written before any call;
     * the budget is read first and a value other than the plan's `from` is a conflict (someone changed it meanwhile:
     * never overwritten); the absolute target is written, read back and the receipt stored. A retry of this activity
     * (worker killed mid-way) finds each entry's state and the platform's current value, and never writes twice.
     */
    async applyBudgetChanges(input: ApplyBudgetChangesInput): Promise<ChangeOutcome[]> {
      let done = 0;
      const connector = connectorFor(input, () => done);
      const outcomes: ChangeOutcome[] = [];
      for (const change of input.changes) {
        outcomes.push(await applyOne(input, change, connector));
        done += 1;
        Context.current().heartbeat(done);
      }
      return outcomes;
    },
  };

  async function applyOne(input: ApplyBudgetChangesInput, change: BudgetChange, connector: BudgetConnector) {
    const log = Context.current().log;
    const entry = await openLedgerEntry(
      deps.db,
      {
        planId: input.planId,
        key: change.key,
        platform: input.platform,
        accountId: input.accountId,
        level: change.level,
        entityId: change.entityId,
        fromMicros: change.fromMicros,
        toMicros: change.toMicros,
      },
      now(),
    );
    if (entry.status !== 'pending') {
      return { key: change.key, status: entry.status, detail: entry.detail, observedMicros: entry.observedMicros };
    }
    const target: BudgetTarget = {
      level: change.level,
      entityId: change.entityId,
      ...(change.campaignId ? { campaignId: change.campaignId } : {}),
    };
    const close = async (outcome: ChangeOutcome & { receipt?: unknown }): Promise<ChangeOutcome> => {
      await closeLedgerEntry(deps.db, input.planId, change.key, outcome, now());
      log.info('budget change', { planId: input.planId, ...outcome, receipt: undefined });
      const { receipt: _receipt, ...rest } = outcome;
      return rest;
    };
    const before = await platformCall(input, () => connector.readBudget(target));
    const current = before.micros === null ? null : before.micros.toString();
    if (current === change.toMicros) {
      return close({
        key: change.key,
        status: 'applied',
        readBackMicros: current,
        detail:
          entry.attempts > 1
            ? 'already at the target: an earlier attempt wrote it before it could record so'
            : 'already at the target',
      });
    }
    if (current !== change.fromMicros) {
      return close({
        key: change.key,
        status: 'conflict',
        observedMicros: current ?? 'none',
        detail: `the budget is ${current ?? 'not set on this entity'} now, not the plan's ${change.fromMicros}: changed outside this plan, so it is left as it is`,
      });
    }
    let receipt;
    try {
      receipt = await platformCall(input, () => connector.writeBudget(target, BigInt(change.toMicros)));
    } catch (err) {
      if (err instanceof BudgetRefused) {
        return close({ key: change.key, status: 'refused', detail: err.reason + (err.code ? ` (${err.code})` : '') });
      }
      throw err;
    }
    const after = await platformCall(input, () => connector.readBudget(target));
    const readBack = after.micros === null ? 'none' : after.micros.toString();
    return close({
      key: change.key,
      status: readBack === change.toMicros ? 'applied' : 'failed',
      readBackMicros: readBack,
      receipt: { ...receipt.exchange, ...(receipt.reference ? { reference: receipt.reference } : {}) },
      ...(readBack === change.toMicros ? {} : { detail: `read back ${readBack} after writing ${change.toMicros}` }),
    });
  }
}
