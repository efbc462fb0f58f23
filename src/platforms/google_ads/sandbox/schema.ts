import type { IsoDate } from '../../../domain/dates';
import { currencyDecimals, microsToDecimal } from '../../../domain/money';
import type { CampaignDay, SandboxAccount } from '../../../sandbox/generator';
import { AD_GROUP_STATUSES, AD_GROUP_TYPES, type GoogleAdsAdGroup } from './ad-groups';
import type { GoogleAdsCampaign } from './data';

/**
 * The GAQL fields the sandbox knows, with how each is rendered in proto3 JSON (docs: developers.google.com/
 * google-ads/api/fields/v26/campaign, .../ad_group, .../campaign_budget, .../customer, .../metrics, .../segments).
 * int64 values are strings, doubles numbers, enums their names. Anything not listed is an UNRECOGNIZED_FIELD.
 */

/** The FROM resources the sandbox serves; any other resource is BAD_RESOURCE_TYPE_IN_FROM_CLAUSE. */
export const GAQL_RESOURCES = ['campaign', 'ad_group', 'customer'] as const;
export type GaqlResource = (typeof GAQL_RESOURCES)[number];

/**
 * What a row is made of: the account; for `FROM campaign` the campaign and its budget; for `FROM ad_group` the ad
 * group and its campaign; and, for metrics rows, one day of that campaign or ad group.
 */
export interface RowContext {
  account: SandboxAccount;
  campaign?: GoogleAdsCampaign;
  adGroup?: GoogleAdsAdGroup;
  budgetMicros?: bigint;
  date?: IsoDate;
  day?: CampaignDay;
}

/** How a field may be filtered in WHERE: dates, enum constants, int64 ids or strings. */
export type FilterType = 'date' | 'enum' | 'id' | 'string';

export interface FieldSpec {
  kind: 'attribute' | 'metric' | 'segment';
  /** FROM resources this field may be selected with. */
  from: readonly GaqlResource[];
  filter?: FilterType;
  enumValues?: readonly string[];
  value(ctx: RowContext): unknown;
}

const CAMPAIGN_STATUSES = ['ENABLED', 'PAUSED', 'REMOVED'] as const;

/**
 * Which FROM resources a resource's fields may be selected with: the resource itself plus the ones it is
 * "attributed" to (docs fields/v26/ad_group lists campaign and customer, fields/v26/campaign lists campaign_budget
 * and customer). campaign_budget is not attributed to ad_group: ad groups carry bids, the budget is the campaign's.
 */
const SELECTABLE_FROM = {
  campaign: ['campaign', 'ad_group'],
  campaign_budget: ['campaign'],
  ad_group: ['ad_group'],
  customer: ['campaign', 'ad_group', 'customer'],
  // Metrics and segments.date: the sandbox serves them per campaign and per ad group.
  metrics: ['campaign', 'ad_group'],
} as const satisfies Record<string, readonly GaqlResource[]>;

/** A field read from what `pick` finds in the row: an entity or a day (undefined when the row has none). */
const field =
  <T>(kind: FieldSpec['kind'], from: readonly GaqlResource[], pick: (ctx: RowContext) => T | undefined) =>
  (value: (entity: T, ctx: RowContext) => unknown, filter?: FilterType) => ({
    kind,
    from,
    filter,
    value: (ctx: RowContext) => {
      const entity = pick(ctx);
      return entity === undefined ? undefined : value(entity, ctx);
    },
  });

const fromCampaign = field('attribute', SELECTABLE_FROM.campaign, (ctx) => ctx.campaign);
const fromBudget = field('attribute', SELECTABLE_FROM.campaign_budget, (ctx) => ctx.campaign);
const fromAdGroup = field('attribute', SELECTABLE_FROM.ad_group, (ctx) => ctx.adGroup);
const customer = field('attribute', SELECTABLE_FROM.customer, (ctx) => ctx.account);
const metric = field('metric', SELECTABLE_FROM.metrics, (ctx) => ctx.day);

export const FIELDS: Record<string, FieldSpec> = {
  'campaign.resource_name': fromCampaign((c) => c.resourceName),
  'campaign.id': fromCampaign((c) => c.id, 'id'),
  'campaign.name': fromCampaign((c) => c.name, 'string'),
  'campaign.status': { ...fromCampaign((c) => campaignStatus(c), 'enum'), enumValues: CAMPAIGN_STATUSES },
  'campaign.campaign_budget': fromCampaign((c) => c.budgetResourceName),
  'campaign_budget.resource_name': fromBudget((c) => c.budgetResourceName),
  'campaign_budget.id': fromBudget((c) => c.budgetId, 'id'),
  'campaign_budget.amount_micros': fromBudget((c, ctx) => String(ctx.budgetMicros ?? c.budgetMicros)),
  'campaign_budget.explicitly_shared': fromBudget((c) => c.explicitlyShared),
  'ad_group.resource_name': fromAdGroup((g) => g.resourceName),
  'ad_group.id': fromAdGroup((g) => g.id, 'id'),
  'ad_group.name': fromAdGroup((g) => g.name, 'string'),
  'ad_group.status': { ...fromAdGroup((g) => g.status, 'enum'), enumValues: AD_GROUP_STATUSES },
  'ad_group.type': { ...fromAdGroup((g) => g.type, 'enum'), enumValues: AD_GROUP_TYPES },
  'ad_group.campaign': fromAdGroup((g) => g.campaignResourceName, 'string'),
  'customer.resource_name': customer((a) => `customers/${a.id}`),
  'customer.id': customer((a) => a.id),
  'customer.descriptive_name': customer((a) => a.name),
  'customer.currency_code': customer((a) => a.currency),
  'customer.time_zone': customer((a) => a.timeZone),
  'metrics.impressions': metric((d) => String(d.impressions)),
  'metrics.clicks': metric((d) => String(d.clicks)),
  'metrics.cost_micros': metric((d) => d.spendMicros.toString()),
  'metrics.ctr': metric((d) => (d.impressions === 0 ? 0 : d.clicks / d.impressions)),
  'metrics.conversions': metric((d) => d.conversions),
  // Major units of the account currency as a double (reference §2.3): whole minor units printed exactly.
  'metrics.conversions_value': metric((d, ctx) =>
    Number(microsToDecimal(d.conversionValueMicros, currencyDecimals(ctx.account.currency))),
  ),
  'segments.date': {
    kind: 'segment',
    from: SELECTABLE_FROM.metrics,
    filter: 'date',
    value: (ctx) => ctx.date,
  },
};

export function campaignStatus(campaign: GoogleAdsCampaign): (typeof CAMPAIGN_STATUSES)[number] {
  return campaign.status === 'ACTIVE' ? 'ENABLED' : 'PAUSED';
}

/** resource.field_name → the proto3 JSON name (lowerCamelCase), e.g. campaign_budget → campaignBudget. */
export function jsonName(name: string): string {
  return name.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());
}

/** A GoogleAdsRow: one nested object per resource, each with its resourceName, holding only selected fields. */
export function formatRow(fields: readonly string[], ctx: RowContext): Record<string, unknown> {
  const row: Record<string, Record<string, unknown>> = {};
  for (const field of fields) {
    const spec = FIELDS[field];
    const [resource = '', property = ''] = field.split('.');
    const value = spec?.value(ctx);
    if (value === undefined) continue;
    const target = (row[jsonName(resource)] ??= {});
    // The API returns each selected resource's resource name even when it was not selected.
    const resourceName = FIELDS[`${resource}.resource_name`]?.value(ctx);
    if (target.resourceName === undefined && resourceName !== undefined) target.resourceName = resourceName;
    target[jsonName(property)] = value;
  }
  return row;
}

/** The response's fieldMask: the selected fields in JSON names, comma-separated. */
export function fieldMask(fields: readonly string[]): string {
  return fields.map((f) => f.split('.').map(jsonName).join('.')).join(',');
}
