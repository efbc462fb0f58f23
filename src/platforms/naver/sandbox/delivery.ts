import { deliveryModel, ownBudgetCampaign, servedDayUnder, type DeliveryModel } from '../../../sandbox/delivery';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { BudgetHistory } from '../../../sandbox/state';
import { naverAdgroups, type NaverSandboxAdgroup } from './adgroup-data';
import { NAVER_RESTATEMENT, naverCampaigns, type NaverSandboxCampaign } from './data';

/** Naver's calendar is KST for every customer (ncc-report.json: "Hours of stats based on KST"). */
export const KST = 'Asia/Seoul';

/**
 * Naver stops an ad group or campaign at its daily budget, and a campaign budget caps the sum of its ad groups
 * (reference §3.5, saedu FAQ 141; budget-automation.md "Platform budget rules"). Spend over budget only happens
 * during maintenance (reference §3.6), which the sandbox does not model.
 */
export const NAVER_OVERSPEND_FACTOR = 1;

export function naverDelivery(seed: number, account: SandboxAccount, history: BudgetHistory): DeliveryModel {
  const rules = { overspendFactor: NAVER_OVERSPEND_FACTOR, stackedCaps: true, timeZone: KST };
  const campaigns = naverCampaigns(seed, account).map((c) => ownBudgetCampaign(c, naverAdgroups(seed, account, c)));
  return deliveryModel(seed, 'naver', account, history, rules, campaigns);
}

/** A campaign-day as /stats serves it at `now`, with its ad groups' days (which sum to it); null without delivery. */
export const naverCampaignDay = servedDayUnder<NaverSandboxCampaign, NaverSandboxAdgroup>(NAVER_RESTATEMENT);
