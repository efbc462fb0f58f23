import type { Db } from 'mongodb';
import { COLLECTIONS } from './mongo';

export interface ReportRecord {
  kind: 'daily-summary';
  date: string;
  advertiserId: string;
  path: string;
  rows: number;
  currencies: string[];
}

/** One record per report and date: rewriting a report (a retried activity, a second run) updates it in place. */
export async function recordReport(db: Db, report: ReportRecord): Promise<void> {
  await db
    .collection(COLLECTIONS.reports)
    .updateOne(
      { _id: `${report.kind}|${report.date}|${report.advertiserId}` as never },
      { $set: { ...report, writtenAt: new Date() } },
      { upsert: true },
    );
}
