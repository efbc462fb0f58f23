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

export type AdvertiserReportStatus = 'written' | 'awaiting_review' | 'delivered' | 'not_delivered';

/** A report as generateReport writes it: its files stay on disk (reports/), this is what was made and what became of it. */
export interface AdvertiserReportRecord {
  reportId: string;
  advertiserId: string;
  period: string;
  from: string;
  to: string;
  locale: string;
  files: Array<{ format: string; path: string; bytes: number }>;
  summary: string;
  status: AdvertiserReportStatus;
  detail?: string;
}

export async function recordAdvertiserReport(db: Db, report: AdvertiserReportRecord): Promise<void> {
  await db
    .collection(COLLECTIONS.reports)
    .updateOne(
      { _id: report.reportId as never },
      { $set: { kind: 'advertiser-report', ...report, writtenAt: new Date() } },
      { upsert: true },
    );
}

export async function setReportStatus(
  db: Db,
  reportId: string,
  status: AdvertiserReportStatus,
  detail?: string,
): Promise<void> {
  await db
    .collection(COLLECTIONS.reports)
    .updateOne({ _id: reportId as never }, { $set: { status, ...(detail ? { detail } : {}), updatedAt: new Date() } });
}

export async function findReport(db: Db, reportId: string): Promise<AdvertiserReportRecord | null> {
  const doc = await db.collection(COLLECTIONS.reports).findOne({ _id: reportId as never });
  return doc as unknown as AdvertiserReportRecord | null;
}
