import { addDays, dateInZone, daysBetween, isIsoDate } from '../../domain/dates';
import { TIKTOK_MAX_REPORT_DAYS, TIKTOK_REPORT } from '../../platforms/tiktok/wire';
import { campaignDay, reportedDay, type SandboxAccount } from '../generator';
import type { SandboxState } from '../state';
import { TIKTOK_RESTATEMENT, type TiktokSandboxCampaign } from './data';
import { formatReportRow, REPORT_METRICS } from './format';
import { jsonStringArray, pageOf, paging } from './params';
import { invalidParams, success, type TiktokReply } from './respond';

/**
 * `GET report/integrated/get/` for AUCTION_CAMPAIGN × (campaign_id, stat_time_day) (docs: SDK ReportingApi.md,
 * reference §5.2). Days are the advertiser's days; only closed days are served, and a campaign-day without delivery
 * has no row (unverified, as on Meta and Google).
 */
export function integratedReport(
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  campaigns: TiktokSandboxCampaign[],
): TiktokReply {
  if (params.report_type !== TIKTOK_REPORT.reportType) {
    return invalidParams(`report_type: The sandbox serves report_type=${TIKTOK_REPORT.reportType} only.`);
  }
  if ((params.service_type ?? TIKTOK_REPORT.serviceType) !== TIKTOK_REPORT.serviceType) {
    return invalidParams(`service_type: The sandbox serves service_type=${TIKTOK_REPORT.serviceType} only.`);
  }
  if (params.data_level !== TIKTOK_REPORT.dataLevel) {
    return invalidParams(`data_level: The sandbox serves data_level=${TIKTOK_REPORT.dataLevel} only.`);
  }
  const dimensions = jsonStringArray(params, 'dimensions', true);
  if (!dimensions.ok) return invalidParams(dimensions.message);
  const wanted = [...TIKTOK_REPORT.dimensions].sort().join(',');
  if ([...(dimensions.value ?? [])].sort().join(',') !== wanted) {
    return invalidParams(`dimensions: The sandbox serves dimensions ${JSON.stringify(TIKTOK_REPORT.dimensions)} only.`);
  }
  const metrics = jsonStringArray(params, 'metrics', true);
  if (!metrics.ok) return invalidParams(metrics.message);
  const unknown = (metrics.value ?? []).filter((m) => !(REPORT_METRICS as readonly string[]).includes(m));
  if (unknown.length > 0) return invalidParams(`metrics: Invalid metrics ${JSON.stringify(unknown)}.`);
  const { start_date: start, end_date: end } = params;
  if (!isIsoDate(start) || !isIsoDate(end)) {
    return invalidParams('start_date, end_date: Required, in YYYY-MM-DD format.');
  }
  if (start > end) return invalidParams('end_date: Must be on or after start_date.');
  // unverified: the span limit (Airbyte chunks daily reports in 30-day windows).
  if (daysBetween(start, end) + 1 > TIKTOK_MAX_REPORT_DAYS) {
    return invalidParams(
      `end_date: The time span between start_date and end_date cannot exceed ${TIKTOK_MAX_REPORT_DAYS} days.`,
    );
  }
  const pages = paging(params);
  if (!pages.ok) return invalidParams(pages.message);

  const rows: Record<string, unknown>[] = [];
  const lastClosedDay = addDays(dateInZone(state.now(), account.timeZone), -1);
  for (let date = start; date <= end && date <= lastClosedDay; date = addDays(date, 1)) {
    for (const campaign of campaigns) {
      const settled = campaignDay(state.world.seed, 'tiktok', account, campaign, date);
      if (!settled) continue;
      const reported = reportedDay(settled, date, state.now(), account, TIKTOK_RESTATEMENT);
      rows.push(formatReportRow(campaign, date, reported, metrics.value ?? []));
    }
  }
  return success(pageOf(rows, pages.value.page, pages.value.pageSize));
}
