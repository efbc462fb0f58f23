import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import type { Db } from 'mongodb';
import type { IsoDate } from '../domain/dates';
import type { MetricRow } from '../domain/metrics';
import { currencyDecimals, microsToDecimal } from '../domain/money';
import { campaignRows, csvLine, deriveKpis, orderForReport, sumTotals, type MetricTotals } from '../domain/report-math';
import { COLLECTIONS } from '../storage/mongo';

export interface DailySummaryInput {
  date: IsoDate;
  advertiserIds: string[];
}

export interface DailySummaryResult {
  reports: Array<{ advertiserId: string; path: string; rows: number; currencies: string[] }>;
}

const HEADER = [
  'date',
  'advertiser',
  'platform',
  'account_id',
  'currency',
  'time_zone',
  'level',
  'campaign_id',
  'entity_id',
  'entity_name',
  'impressions',
  'clicks',
  'spend',
  'conversions',
  'revenue',
  'ctr_pct',
  'cpc',
  'cpa',
  'roas',
  'mature',
];

/**
 * A simple per-advertiser CSV for one date: every campaign row with its ad sets below it, then a total per platform
 * account and per currency
 * (amounts in different currencies are never added together).
 */
export function createReportActivities(deps: { db: Db; reportsDir: string }) {
  return {
    async writeDailySummary(input: DailySummaryInput): Promise<DailySummaryResult> {
      const reports: DailySummaryResult['reports'] = [];
      for (const advertiserId of input.advertiserIds) {
        const rows = orderForReport(
          await deps.db
            .collection<MetricRow>(COLLECTIONS.metricsDaily)
            .find({ advertiserId, date: input.date })
            .toArray(),
        );
        const lines = [csvLine(HEADER)];
        for (const row of rows)
          lines.push(
            line(
              input.date,
              advertiserId,
              row,
              row.level,
              row.entityId,
              row.entityName,
              row,
              row,
              row.campaignId ?? '',
            ),
          );
        // Totals over campaign rows only: ad set rows are a breakdown of their campaign's numbers.
        const totalled = campaignRows(rows);
        const groups = new Map<string, MetricRow[]>();
        for (const row of totalled) {
          const key = `${row.platform}|${row.accountId}`;
          groups.set(key, [...(groups.get(key) ?? []), row]);
        }
        for (const group of groups.values()) {
          const first = group[0] as MetricRow;
          lines.push(
            line(
              input.date,
              advertiserId,
              first,
              'account_total',
              first.accountId,
              '',
              sumTotals(group),
              group.every((r) => r.mature),
            ),
          );
        }
        const currencies = [...new Set(rows.map((r) => r.currency))].sort();
        for (const currency of currencies) {
          const inCurrency = totalled.filter((r) => r.currency === currency);
          const pseudo = {
            ...(inCurrency[0] as MetricRow),
            platform: 'all',
            accountId: 'all',
            timeZone: '',
          } as unknown as MetricRow;
          lines.push(
            line(
              input.date,
              advertiserId,
              pseudo,
              'currency_total',
              currency,
              '',
              sumTotals(inCurrency),
              inCurrency.every((r) => r.mature),
            ),
          );
        }
        const file = path.join(deps.reportsDir, input.date, `${advertiserId}-daily-summary.csv`);
        await mkdir(path.dirname(file), { recursive: true });
        // Write-then-rename: a retried activity never leaves a half-written report behind.
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, `${lines.join('\n')}\n`, 'utf8');
        await rename(tmp, file);
        await deps.db.collection(COLLECTIONS.reports).updateOne(
          { _id: `daily-summary|${input.date}|${advertiserId}` as never },
          {
            $set: {
              kind: 'daily-summary',
              date: input.date,
              advertiserId,
              path: file,
              rows: rows.length,
              currencies,
              writtenAt: new Date(),
            },
          },
          { upsert: true },
        );
        Context.current().log.info('report written', { advertiserId, date: input.date, path: file, rows: rows.length });
        reports.push({ advertiserId, path: file, rows: rows.length, currencies });
      }
      return { reports };
    },
  };
}

function line(
  date: string,
  advertiserId: string,
  meta: MetricRow,
  level: string,
  entityId: string,
  entityName: string,
  totals: MetricTotals,
  mature: boolean | MetricRow = meta,
  campaignId = '',
) {
  const decimals = currencyDecimals(meta.currency);
  const kpis = deriveKpis(totals, decimals);
  const isMature = typeof mature === 'boolean' ? mature : mature.mature;
  return csvLine([
    date,
    advertiserId,
    meta.platform,
    meta.accountId,
    meta.currency,
    meta.timeZone,
    level,
    campaignId,
    entityId,
    entityName,
    totals.impressions,
    totals.clicks,
    microsToDecimal(totals.spendMicros, decimals),
    totals.conversions,
    microsToDecimal(totals.conversionValueMicros, decimals),
    kpis.ctrPct,
    kpis.cpc,
    kpis.cpa,
    kpis.roas,
    isMature,
  ]);
}
