import { addDays, dateInZone, daysBetween, isIsoDate, type IsoDate } from '../../../domain/dates';
import { ENTITY_LEVELS, type EntityLevel } from '../../../domain/metrics';
import { TIKTOK_LEVELS, TIKTOK_MAX_REPORT_DAYS, TIKTOK_REPORT } from './api-facts';
import type { CampaignDay, SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { tiktokDelivery, tiktokServedDay, type TiktokCatalog } from './data';
import type { DeliveryModel } from '../../../sandbox/delivery';
import { formatReportRow, REPORT_ATTRIBUTES, REPORT_METRICS, type ReportEntity } from './format';
import { jsonStringArray, pageOf, paging } from './params';
import { invalidParams, success, type TiktokReply } from './respond';

/**
 * `GET report/integrated/get/` for AUCTION_CAMPAIGN × (campaign_id, stat_time_day) and AUCTION_ADGROUP × (adgroup_id,
 * stat_time_day) (docs: SDK ReportingApi.md, reference §5.2). Days are the advertiser's days; only closed days are
 * served, and an entity-day without delivery has no row (unverified, as on Meta and Google).
 */
export function integratedReport(
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  catalog: TiktokCatalog,
): TiktokReply {
  if (params.report_type !== TIKTOK_REPORT.reportType) {
    return invalidParams(`report_type: The sandbox serves report_type=${TIKTOK_REPORT.reportType} only.`);
  }
  if ((params.service_type ?? TIKTOK_REPORT.serviceType) !== TIKTOK_REPORT.serviceType) {
    return invalidParams(`service_type: The sandbox serves service_type=${TIKTOK_REPORT.serviceType} only.`);
  }
  const level = ENTITY_LEVELS.find((l) => TIKTOK_LEVELS[l].dataLevel === params.data_level);
  if (!level) {
    const served = ENTITY_LEVELS.map((l) => TIKTOK_LEVELS[l].dataLevel).join(', ');
    return invalidParams(`data_level: The sandbox serves data_level ${served} only.`);
  }
  const dimensions = jsonStringArray(params, 'dimensions', true);
  if (!dimensions.ok) return invalidParams(dimensions.message);
  const wanted = TIKTOK_LEVELS[level].dimensions;
  if ([...(dimensions.value ?? [])].sort().join(',') !== [...wanted].sort().join(',')) {
    return invalidParams(
      `dimensions: The sandbox serves dimensions ${JSON.stringify(wanted)} only at data_level ${params.data_level}.`,
    );
  }
  const metrics = jsonStringArray(params, 'metrics', true);
  if (!metrics.ok) return invalidParams(metrics.message);
  const known: readonly string[] = [...REPORT_ATTRIBUTES[level], ...REPORT_METRICS];
  const unknown = (metrics.value ?? []).filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    return invalidParams(`metrics: Invalid metrics ${JSON.stringify(unknown)} at data_level ${params.data_level}.`);
  }
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
  const model = tiktokDelivery(state.world.seed, account, state.mutations);
  for (let date = start; date <= end && date <= lastClosedDay; date = addDays(date, 1)) {
    for (const { entity, day } of reportedEntityDays(model, state.now(), catalog, level, date)) {
      rows.push(formatReportRow(entity, date, day, metrics.value ?? []));
    }
  }
  return success(pageOf(rows, pages.value.page, pages.value.pageSize));
}

interface EntityDay {
  entity: ReportEntity;
  day: CampaignDay;
}

/**
 * The rows of one day at one level, from the same functions as truth(): each campaign's reported (restated) day, and
 * below it that day split across the campaign's ad groups.
 */
function reportedEntityDays(
  model: DeliveryModel,
  now: Date,
  catalog: TiktokCatalog,
  level: EntityLevel,
  date: IsoDate,
): EntityDay[] {
  const { campaign: campaignNames, adset: adGroupNames } = TIKTOK_LEVELS;
  return catalog.campaigns.flatMap((campaign): EntityDay[] => {
    const served = tiktokServedDay(model, campaign, catalog.adGroupsOf(campaign), date, now);
    if (!served) return [];
    if (level === 'campaign') {
      const attributes = { [campaignNames.nameField]: campaign.name };
      return [{ entity: { idField: campaignNames.idField, id: campaign.id, attributes }, day: served.day }];
    }
    return served.adSets.map(({ adSet: adGroup, day }) => {
      const attributes = {
        [adGroupNames.nameField]: adGroup.name,
        [adGroupNames.parentField]: campaign.id,
        [campaignNames.nameField]: campaign.name,
      };
      return { entity: { idField: adGroupNames.idField, id: adGroup.id, attributes }, day };
    });
  });
}
