import { isIsoDate } from '../../domain/dates';
import type { EntityLevel, MetricRow } from '../../domain/metrics';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { idField, kakaoWonToMicros, type KakaoAccountContext } from './parse';
import { KAKAO_CURRENCY, KAKAO_METRIC_FIELDS, KAKAO_REPORT_LEVELS, KAKAO_TIME_ZONE } from './wire';

/** What a report row cannot say about its entity: rows carry only the id, names come from the lists. */
interface RowEntity {
  entityName: string;
  campaignId?: string;
}

function countField(metrics: Record<string, unknown>, name: string, where: string): number {
  const value = metrics[name];
  if (value === undefined || value === null) return 0; // groups that do not apply return no value (reference §4.3)
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new ResponseFormatError(`${where}.${name}`, `expected a non-negative integer, got ${JSON.stringify(value)}`);
}

/**
 * One `GET /openapi/v4/{campaigns|adGroups}/report?timeUnit=DAY` response → normalised rows of `level`. Envelope
 * `{code: 200, message, data: [{start, end, dimensions: {campaign_id | ad_group_id}, metrics: {...}}]}` (reference
 * §4.3; field and dimension names unverified, see wire.ts). Both levels share this path so money and counts are read
 * identically.
 */
function parseReportRows(
  body: unknown,
  ctx: KakaoAccountContext,
  level: EntityLevel,
  describe: (id: string, field: string) => RowEntity,
): MetricRow[] {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (body.code !== undefined && body.code !== 200) {
    throw new ResponseFormatError('code', `expected 200 in a successful report, got ${JSON.stringify(body.code)}`);
  }
  if (!Array.isArray(body.data)) throw new ResponseFormatError('data', 'expected an array of report rows');
  const f = KAKAO_METRIC_FIELDS;
  const dimension = KAKAO_REPORT_LEVELS[level].dimension;
  return body.data.map((raw, i): MetricRow => {
    const where = `data[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    const date = raw.start;
    if (!isIsoDate(date))
      throw new ResponseFormatError(`${where}.start`, `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    if (raw.end !== date) {
      throw new ResponseFormatError(
        `${where}.end`,
        `expected ${date} for a daily row (timeUnit=DAY), got ${JSON.stringify(raw.end)}`,
      );
    }
    if (!isRecord(raw.dimensions)) throw new ResponseFormatError(`${where}.dimensions`, 'expected an object');
    const idAt = `${where}.dimensions.${dimension}`;
    const entityId = idField(raw.dimensions[dimension], idAt);
    const metrics = raw.metrics;
    if (!isRecord(metrics)) throw new ResponseFormatError(`${where}.metrics`, 'expected an object');
    const m = `${where}.metrics`;
    const money = (name: string) =>
      metrics[name] === undefined || metrics[name] === null ? 0n : kakaoWonToMicros(metrics[name], `${m}.${name}`);
    const { entityName, campaignId } = describe(entityId, idAt);
    return {
      platform: 'kakao',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      level,
      entityId,
      entityName,
      ...(campaignId === undefined ? {} : { campaignId }),
      date,
      currency: KAKAO_CURRENCY,
      timeZone: KAKAO_TIME_ZONE,
      impressions: countField(metrics, f.impressions, m),
      clicks: countField(metrics, f.clicks, m),
      spendMicros: money(f.cost),
      conversions: countField(metrics, f.conversions, m),
      conversionValueMicros: money(f.conversionValue),
      mature: ctx.isMature(date),
    };
  });
}

/** `/campaigns/report` → campaign rows; a campaign missing from the list keeps an empty name. */
export function parseKakaoReport(
  body: unknown,
  ctx: KakaoAccountContext & { campaignNames: ReadonlyMap<string, string> },
): MetricRow[] {
  return parseReportRows(body, ctx, 'campaign', (id) => ({ entityName: ctx.campaignNames.get(id) ?? '' }));
}

/**
 * `/adGroups/report` → ad group rows, each with its parent campaign from the ad group lists. The rows name no
 * campaign, so an ad group that was not asked for cannot be placed: that is a malformed answer, not a guess.
 */
export function parseKakaoAdGroupReport(
  body: unknown,
  ctx: KakaoAccountContext & { adGroups: ReadonlyMap<string, { name: string; campaignId: string }> },
): MetricRow[] {
  return parseReportRows(body, ctx, 'adset', (id, field) => {
    const adGroup = ctx.adGroups.get(id);
    if (!adGroup) throw new ResponseFormatError(field, `ad group ${id} was not asked for`);
    return { entityName: adGroup.name, campaignId: adGroup.campaignId };
  });
}
