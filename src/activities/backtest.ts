import { ApplicationFailure } from '@temporalio/common';
import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import { findRule, loadRules } from '../config/rules';
import type { RuleConfig } from '../config/rules-schema';
import { loadTrackersConfig, trackerFeeds } from '../config/trackers';
import { effectiveBudgetRules } from '../connectors/budget-rules';
import { addDays, datesInRange, daysBetween, instantInZone, isIsoDate, type IsoDate } from '../domain/dates';
import type { CurrentMetricRow, MetricRevision } from '../domain/metrics-as-of';
import { proposalKey } from '../domain/rebalance/plan-record';
import {
  replayRule,
  type BacktestAccount,
  type BacktestData,
  type BacktestReport,
  type LedgerChange,
} from '../domain/rebalance/backtest';
import { inRuleScope } from '../domain/rebalance/rule-plan';
import { appliedSince } from '../storage/budget-store';
import { readMetricTimeline } from '../storage/metrics-history';
import { joinedTrackerFiguresKnownAt } from '../storage/tracker-joined';
import { feedNames, trackerOutcomeData } from '../storage/tracker-outcomes';
import { COLLECTIONS } from '../storage/mongo';
import { INVALID_INPUT } from './run-bounds';

export interface BacktestInput {
  ruleId: string;
  from: IsoDate;
  to: IsoDate;
  /** When the rule would have run each day, HH:MM in the agency's time zone (default: DEFAULT_RUN_AT). */
  runAt?: string;
}

export interface BacktestDeps {
  db: Db;
  loadConfig: () => EngineConfig;
  now?: () => Date;
}

/** The rebalance schedules' time (config/schedules.yaml, 10:00 KST): after the daily pull has stored yesterday. */
export const DEFAULT_RUN_AT = '10:00';
export const MAX_BACKTEST_DAYS = 366;

/** Read-only: replays a rule of config/rules.yaml over past days; writes nothing and calls no platform. */
export function createBacktestActivities(deps: BacktestDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async backtestRule(input: BacktestInput): Promise<BacktestReport> {
      const config = deps.loadConfig();
      const timeZone = config.accounts.timeZone;
      const runAt = input.runAt ?? DEFAULT_RUN_AT;
      const rule = findRule(loadRules(config), input.ruleId);
      const problems = backtestInputProblems(input, runAt, timeZone, now());
      if (!rule) problems.unshift(`rule: "${input.ruleId}" is not in config/rules.yaml`);
      if (problems.length > 0 || !rule) throw ApplicationFailure.nonRetryable(problems.join('; '), INVALID_INPUT);

      const advertiser = config.accounts.advertisers.find((a) => a.id === rule.advertiserId);
      const accounts = (advertiser?.accounts ?? []).filter(
        (a) => !rule.scope.platforms || rule.scope.platforms.includes(a.platform),
      );
      const first = earliestDateRead(rule, input.from);
      const dates: IsoDate[] = [];
      for (let d = first; d < input.to; d = addDays(d, 1)) dates.push(d);

      const scoped: BacktestAccount[] = [];
      const timeline = { current: [] as CurrentMetricRow[], revisions: [] as MetricRevision[] };
      for (const a of accounts) {
        scoped.push({
          platform: a.platform,
          accountId: a.accountId,
          currency: a.currency,
          rules: effectiveBudgetRules(a.platform, a.currency, config.platforms.platforms[a.platform]?.budget),
          entities: await listedEntities(deps.db, rule, a.platform, a.accountId),
        });
        const t = await readMetricTimeline(deps.db, {
          platform: a.platform,
          accountId: a.accountId,
          level: rule.scope.level,
          dates,
        });
        timeline.current.push(...t.current);
        timeline.revisions.push(...t.revisions);
      }
      // Every applied change ever on these accounts: the replay picks, per day, the ones before its moment.
      const ledger = await appliedSince(
        deps.db,
        accounts.map((a) => a.accountId),
        '',
      );
      const applied: LedgerChange[] = ledger.flatMap((e) =>
        e.appliedAt
          ? [
              {
                key: e.key,
                accountId: e.accountId,
                fromMicros: BigInt(e.fromMicros),
                toMicros: BigInt(e.readBackMicros ?? e.toMicros),
                appliedAt: e.appliedAt,
              },
            ]
          : [],
      );
      // A tracker rule: the tracker's rows read once, then joined as known at each replayed day's run.
      let tracker: BacktestData['tracker'];
      if (rule.outcomeSource?.source === 'tracker') {
        const trackers = loadTrackersConfig(config.dir, config.accounts);
        const feeds = trackerFeeds(trackers, rule.advertiserId, accounts);
        const feeding = new Set(feeds.map((f) => f.app));
        const replayed = datesInRange(input.from, input.to);
        const known = await joinedTrackerFiguresKnownAt(
          deps.db,
          { ...trackers, apps: trackers.apps.filter((a) => feeding.has(a.id)) },
          { advertiserId: rule.advertiserId, dates },
          replayed.map((d) => instantInZone(d, runAt, timeZone)),
        );
        const conversions = rule.outcomeSource.conversions;
        tracker = {
          byDay: new Map(replayed.map((d, i) => [d, trackerOutcomeData(known[i]!, feeds, conversions)])),
          apps: feedNames(feeds),
        };
      }
      return replayRule(
        rule,
        { accounts: scoped, timeline, applied, ...(tracker ? { tracker } : {}) },
        { from: input.from, to: input.to, runAt, timeZone },
      );
    },
  };
}

/** Every problem with the range and time, named (the rule is checked against config by the caller). */
export function backtestInputProblems(input: BacktestInput, runAt: string, timeZone: string, now: Date): string[] {
  const problems: string[] = [];
  if (!isIsoDate(input.from)) problems.push(`from: "${input.from}" is not a date (YYYY-MM-DD)`);
  if (!isIsoDate(input.to)) problems.push(`to: "${input.to}" is not a date (YYYY-MM-DD)`);
  const time = /^(\d{2}):(\d{2})$/.exec(runAt);
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59)
    problems.push(`at: "${runAt}" is not a time of day (HH:MM, ${timeZone})`);
  if (problems.length > 0) return problems;
  if (input.from > input.to) problems.push(`from: ${input.from} is after to (${input.to})`);
  else if (daysBetween(input.from, input.to) + 1 > MAX_BACKTEST_DAYS)
    problems.push(`from..to: ${daysBetween(input.from, input.to) + 1} days; at most ${MAX_BACKTEST_DAYS}`);
  const lastRun = instantInZone(input.to, runAt, timeZone);
  if (lastRun.getTime() > now.getTime())
    problems.push(
      `to: the rule's run on ${input.to} at ${runAt} ${timeZone} (${lastRun.toISOString()}) has not happened yet; pick an earlier day`,
    );
  return problems;
}

/** The first day any replayed day reads: its lookback, or its month so far for a monthly pace. */
function earliestDateRead(rule: RuleConfig, from: IsoDate): IsoDate {
  const lookback = addDays(from, -rule.lookbackDays);
  const monthStart = `${from.slice(0, 8)}01`;
  return rule.objective.kind === 'paceMonthly' && monthStart < lookback ? monthStart : lookback;
}

/** The rule's entities on one account from the last listing, with the budget listed then. */
async function listedEntities(
  db: Db,
  rule: RuleConfig,
  platform: BacktestAccount['platform'],
  accountId: string,
): Promise<BacktestAccount['entities']> {
  const docs = await db
    .collection(COLLECTIONS.entities)
    .find({ platform, accountId, level: rule.scope.level })
    .toArray();
  return docs
    .filter((d) => inRuleScope(rule, { entityId: String(d.entityId), name: String(d.name) }))
    .map((d) => ({
      key: proposalKey({ platform, accountId, level: rule.scope.level, entityId: String(d.entityId) }),
      level: rule.scope.level,
      entityId: String(d.entityId),
      ...(d.campaignId ? { campaignId: String(d.campaignId) } : {}),
      name: String(d.name),
      currentBudgetMicros:
        d.dailyBudgetMicros === null || d.dailyBudgetMicros === undefined
          ? null
          : BigInt(d.dailyBudgetMicros as bigint),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}
