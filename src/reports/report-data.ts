import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import { addDays, datesInRange, type IsoDate } from '../domain/dates';
import { firstOfMonth, reportPeriod } from '../domain/report-period';
import {
  entityDays,
  entityNames,
  ledgerOfAccounts,
  plansById,
  pullStates,
  sumPerDay,
  unsettledDays,
  type DaySum,
} from '../storage/report-store';
import type { ReportModel, ReportPeriod } from './model';
import { actionRows } from './report-actions';
import { freshnessRows } from './report-freshness';
import { buildSections } from './report-sections';
import { loadReportTrackers } from './report-tracker-data';
import { withTrackerFigures } from './report-trackers';

export interface ReportRequest {
  advertiserId: string;
  period: ReportPeriod;
  /** A day inside the wanted period (agency zone); default: the last complete period. */
  date?: IsoDate;
  /** The report's "now": sets the default period and generatedAt (passed in so a report can be rebuilt). */
  now: Date;
}

/** Everything one advertiser's report shows (src/reports/model.ts), read from the database once for every format. */
export async function buildReportModel(db: Db, config: EngineConfig, request: ReportRequest): Promise<ReportModel> {
  const advertiser = config.accounts.advertisers.find((a) => a.id === request.advertiserId);
  if (!advertiser) throw new Error(`advertiser "${request.advertiserId}" is not in config/accounts.yaml`);
  const timeZone = config.accounts.timeZone;
  const bounds = reportPeriod(request.period, { date: request.date, now: request.now, timeZone });
  const dates = datesInRange(bounds.from, bounds.to);
  const advertiserId = advertiser.id;
  const budgets = advertiser.monthlyBudgets ?? {};

  const [current, previous, monthBefore, names, unsettled, states, ledger] = await Promise.all([
    entityDays(db, advertiserId, dates),
    sumPerDay(db, {
      advertiserId,
      dates: datesInRange(bounds.previousFrom, bounds.previousTo),
      level: 'campaign',
      groupBy: ['currency'],
    }),
    // Pacing needs month-to-date spend through the period's end; days of that month before the period are read
    // separately (spend only), and only when config gives a monthly budget at all.
    Object.keys(budgets).length > 0 && firstOfMonth(bounds.to) < bounds.from
      ? sumPerDay(db, {
          advertiserId,
          dates: datesInRange(firstOfMonth(bounds.to), addDays(bounds.from, -1)),
          level: 'campaign',
          groupBy: ['currency'],
          fields: ['spendMicros'],
        })
      : Promise.resolve([] as DaySum[]),
    entityNames(db, advertiserId),
    unsettledDays(db, advertiserId, dates),
    pullStates(db, advertiser.accounts),
    ledgerOfAccounts(db, advertiser.accounts),
  ]);
  const plans = await plansById(
    db,
    ledger.map((e) => e.planId),
  );

  const monthStart = firstOfMonth(bounds.to);
  const pacing = new Map(
    Object.entries(budgets).map(([currency, monthlyBudgetMicros]) => {
      const spent = [...current.filter((s) => s.key.level === 'campaign' && s.date >= monthStart), ...monthBefore]
        .filter((s) => s.key.currency === currency)
        .reduce((sum, s) => sum + s.totals.spendMicros, 0n);
      return [currency, { monthlyBudgetMicros, monthToDateSpendMicros: spent }];
    }),
  );

  // Tracker figures (config/trackers.yaml, tracker_daily) beside the media's: read once, null without tracker apps.
  const trackers = await loadReportTrackers(db, config, { advertiserId, dates, now: request.now });

  return withTrackerFigures({
    advertiserId,
    advertiserName: advertiser.name,
    period: request.period,
    ...bounds,
    timeZone,
    generatedAt: request.now.toISOString(),
    sections: buildSections({
      dates,
      current,
      previous,
      currencies: [...new Set(advertiser.accounts.map((a) => a.currency))],
      names,
      pacing,
    }),
    actions: actionRows(ledger, plans, { advertiserId, from: bounds.from, to: bounds.to, timeZone }),
    freshness: freshnessRows(advertiser.accounts, states, unsettled, dates),
  }, trackers);
}
