import type { IsoDate } from '../../domain/dates';
import { currencyDecimals, microsToDecimal } from '../../domain/money';
import type { CampaignDay, SandboxAccount } from '../generator';
import type { GoogleAdsCampaign } from './data';

/**
 * The GAQL fields the sandbox knows, with how each is rendered in proto3 JSON (docs: developers.google.com/
 * google-ads/api/fields/v26/campaign, .../campaign_budget, .../customer, .../metrics, .../segments). int64 values
 * are strings, doubles numbers, enums their names. Anything not listed is an UNRECOGNIZED_FIELD.
 */

export type GaqlResource = 'campaign' | 'customer';

/** What a row is made of: the account, and for `FROM campaign` the campaign, its budget and maybe one day. */
export interface RowContext {
  account: SandboxAccount;
  campaign?: GoogleAdsCampaign;
  budgetMicros?: bigint;
  date?: IsoDate;
  day?: CampaignDay;
}

/** How a field may be filtered in WHERE: dates, enum constants, int64 ids or strings. */
export type FilterType = 'date' | 'enum' | 'id' | 'string';

export interface FieldSpec {
  kind: 'attribute' | 'metric' | 'segment';
  /** FROM resources this field may be selected with. */
  from: GaqlResource[];
  filter?: FilterType;
  enumValues?: readonly string[];
  value(ctx: RowContext): unknown;
}

const CAMPAIGN_STATUSES = ['ENABLED', 'PAUSED', 'REMOVED'] as const;

const fromCampaign = (value: (c: GoogleAdsCampaign, ctx: RowContext) => unknown, filter?: FilterType) => ({
  kind: 'attribute' as const,
  from: ['campaign' as const],
  filter,
  value: (ctx: RowContext) => (ctx.campaign ? value(ctx.campaign, ctx) : undefined),
});

const metric = (value: (day: CampaignDay, ctx: RowContext) => unknown) => ({
  kind: 'metric' as const,
  from: ['campaign' as const],
  value: (ctx: RowContext) => (ctx.day ? value(ctx.day, ctx) : undefined),
});

const customer = (value: (account: SandboxAccount) => unknown) => ({
  kind: 'attribute' as const,
  from: ['campaign' as const, 'customer' as const],
  value: (ctx: RowContext) => value(ctx.account),
});

export const FIELDS: Record<string, FieldSpec> = {
  'campaign.resource_name': fromCampaign((c) => c.resourceName),
  'campaign.id': fromCampaign((c) => c.id, 'id'),
  'campaign.name': fromCampaign((c) => c.name, 'string'),
  'campaign.status': {
    ...fromCampaign((c) => campaignStatus(c), 'enum'),
    enumValues: CAMPAIGN_STATUSES,
  },
  'campaign.campaign_budget': fromCampaign((c) => c.budgetResourceName),
  'campaign_budget.resource_name': fromCampaign((c) => c.budgetResourceName),
  'campaign_budget.id': fromCampaign((c) => c.budgetId, 'id'),
  'campaign_budget.amount_micros': fromCampaign((c, ctx) => String(ctx.budgetMicros ?? c.budgetMicros)),
  'campaign_budget.explicitly_shared': fromCampaign((c) => c.explicitlyShared),
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
    from: ['campaign'],
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
