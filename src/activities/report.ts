import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import type { Db } from 'mongodb';
import type { IsoDate } from '../domain/dates';
import { dailySummaryCsv } from '../reports/daily-summary-csv';
import { findAdvertiserDay } from '../storage/metrics-store';
import { recordReport } from '../storage/reports-store';

export interface DailySummaryInput {
  date: IsoDate;
  advertiserIds: string[];
}

export interface DailySummaryResult {
  reports: Array<{ advertiserId: string; path: string; rows: number; currencies: string[] }>;
}

/** Writes one CSV per advertiser for a date (reports/<date>/<advertiser>-daily-summary.csv) and records it. */
export function createReportActivities(deps: { db: Db; reportsDir: string }) {
  return {
    async writeDailySummary(input: DailySummaryInput): Promise<DailySummaryResult> {
      const reports: DailySummaryResult['reports'] = [];
      for (const advertiserId of input.advertiserIds) {
        const csv = dailySummaryCsv(
          input.date,
          advertiserId,
          await findAdvertiserDay(deps.db, advertiserId, input.date),
        );
        const file = path.join(deps.reportsDir, input.date, `${advertiserId}-daily-summary.csv`);
        await mkdir(path.dirname(file), { recursive: true });
        // Write-then-rename: a retried activity never leaves a half-written report behind.
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, csv.text, 'utf8');
        await rename(tmp, file);
        const report = { advertiserId, path: file, rows: csv.rows, currencies: csv.currencies };
        await recordReport(deps.db, { kind: 'daily-summary', date: input.date, ...report });
        Context.current().log.info('report written', { advertiserId, date: input.date, path: file, rows: csv.rows });
        reports.push(report);
      }
      return { reports };
    },
  };
}
