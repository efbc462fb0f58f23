import { BudgetRefused, type BudgetConnector, type BudgetTarget } from '../../../connectors/budget';
import { classifyExceptRefusals, throwIfRefused } from '../../../connectors/budget-refusal';
import { wholeBudgetUnits } from '../../../connectors/budget-value';
import type { ConnectorContext, RawExchange } from '../../../connectors/connector';
import { ApiCallError, type HttpExchange } from '../../../connectors/http-client';
import { jsonBodyOf, safeJson } from '../../../connectors/json-body';
import { googleAdsBudgetRules } from '../budget-rules';
import {
  adGroupQuery,
  budgetUpdateBody,
  campaignBudgetQuery,
  checkAdGroupRow,
  parseCampaignBudget,
  parseMutateResult,
  readGoogleBudgetRefusal,
  singleRow,
  type GoogleCampaignBudget,
} from '../budget';
import { classifyGoogleAdsError } from '../errors';
import { googleAdsClient } from './client';

/**
 * Google Ads budgets live on a separate CampaignBudget resource that campaigns point at and may share (reference
 * §2.6): read it with GAQL on the campaign, set it with `campaignBudgets:mutate` (update amountMicros, absolute).
 * Ad groups never have a budget of their own (docs fields/v26/ad_group).
 */
export function createGoogleAdsBudgetConnector(ctx: ConnectorContext): BudgetConnector {
  const client = googleAdsClient(ctx);
  const classify = (exchange: HttpExchange) =>
    exchange.status >= 200 && exchange.status < 300
      ? null
      : classifyGoogleAdsError(exchange.status, safeJson(exchange.text));
  // Amounts must be multiples of currency_constant.billable_unit_micros (docs fields/v26/currency_constant).
  const unitMicros = googleAdsBudgetRules(ctx.account.currency).unitMicros;

  async function search(query: string): Promise<{ row: Record<string, unknown> | null; exchange: RawExchange }> {
    const { response, exchange } = await client.post('googleAds:search', { query }, { query }, classify);
    return { row: singleRow(jsonBodyOf(response), 'row'), exchange };
  }

  const notFound = (target: BudgetTarget) =>
    new ApiCallError({ kind: 'not_found', message: `Google Ads ${target.level} ${target.entityId} not found` });

  async function campaignBudget(
    target: BudgetTarget,
  ): Promise<{ budget: GoogleCampaignBudget; exchange: RawExchange }> {
    const { row, exchange } = await search(campaignBudgetQuery(target.entityId));
    if (!row) throw notFound(target);
    return { budget: parseCampaignBudget(row, target.entityId), exchange };
  }

  return {
    async readBudget(target) {
      if (target.level === 'adset') {
        const { row, exchange } = await search(adGroupQuery(target.entityId));
        if (!row) throw notFound(target);
        checkAdGroupRow(row, target.entityId);
        return { target, micros: null, exchange };
      }
      const { budget, exchange } = await campaignBudget(target);
      return {
        target,
        micros: budget.micros,
        holder: { id: budget.resourceName, shared: budget.explicitlyShared },
        exchange,
      };
    },
    async writeBudget(target, micros) {
      wholeBudgetUnits(target, micros, unitMicros, `${ctx.account.currency} billable units`);
      if (target.level === 'adset') {
        throw new BudgetRefused(target, "Google Ads ad groups have no budget: change their campaign's budget");
      }
      const { budget } = await campaignBudget(target);
      const { response, exchange } = await client.post(
        'campaignBudgets:mutate',
        budgetUpdateBody(budget.resourceName, micros),
        { resourceName: budget.resourceName, amountMicros: micros.toString() },
        classifyExceptRefusals(classify, readGoogleBudgetRefusal),
      );
      const body = jsonBodyOf(response);
      throwIfRefused(target, response.status, body, readGoogleBudgetRefusal);
      return { exchange, reference: parseMutateResult(body, budget.resourceName) };
    },
  };
}
