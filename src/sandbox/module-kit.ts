import type { IsoDate } from '../domain/dates';
import type { DeliveryModel } from './delivery';
import type { CampaignDay, SandboxAccount } from './generator';
import type { SandboxHandler, SandboxPlatformModule, TruthRow } from './platform-module';
import type { BudgetHistory, SandboxState } from './state';
import { closedDayTruth } from './truth-builder';
import type { SandboxWorld } from './world';

interface Named {
  id: string | number;
  name: string;
}

/** One account's campaigns and each campaign's ad sets (ad groups), as a platform's handlers hold them. */
export interface SandboxCatalog<C, S> {
  campaigns: C[];
  adGroupsOf(campaign: C): S[];
}

/** A catalog from a list of campaigns, each one's ad sets built once. */
export function catalogOf<C, S>(campaigns: C[], adSetsOf: (campaign: C) => S[]): SandboxCatalog<C, S> {
  const adSets = new Map(campaigns.map((c) => [c, adSetsOf(c)]));
  return { campaigns, adGroupsOf: (campaign) => adSets.get(campaign) ?? [] };
}

/** A campaign-day as served, with the platform's own ad set objects beside their days; null without delivery. */
export interface ServedDay<S> {
  day: CampaignDay;
  adSets: Array<{ adSet: S; day: CampaignDay }>;
}

/** What a platform sandbox brings; sandboxModule wires truth() and delivery() the same way for every platform. */
export interface SandboxModuleParts<C extends Named, S extends Named> {
  createHandler(state: SandboxState): SandboxHandler;
  /** The world's account with this id, else undefined. */
  account(world: SandboxWorld, accountId: string): SandboxAccount | undefined;
  /** How the unknown-account error names an account ("Kakao account", "Google Ads customer"). */
  accountNoun: string;
  delivery(seed: number, account: SandboxAccount, history: BudgetHistory): DeliveryModel;
  catalog(seed: number, account: SandboxAccount): SandboxCatalog<C, S>;
  /** The same function the platform's report endpoint formats, so truth and responses cannot drift. */
  servedDay(model: DeliveryModel, campaign: C, adSets: S[], date: IsoDate, now: Date): ServedDay<S> | null;
  /** Row order, where the platform's truth is not in closedDayTruth's (date, campaign then its ad sets). */
  order?: (a: TruthRow, b: TruthRow) => number;
}

/** A platform module whose truth is its served campaign-days over closed days, with the budgets in `history`. */
export function sandboxModule<C extends Named, S extends Named>(
  parts: SandboxModuleParts<C, S>,
): SandboxPlatformModule {
  const requireAccount = (world: SandboxWorld, accountId: string) => {
    const account = parts.account(world, accountId);
    if (!account) throw new Error(`sandbox world has no ${parts.accountNoun} ${accountId}`);
    return account;
  };
  return {
    createHandler: parts.createHandler,
    truth(world, accountId, from, to, now, history) {
      const account = requireAccount(world, accountId);
      const catalog = parts.catalog(world.seed, account);
      const model = parts.delivery(world.seed, account, history);
      const rows = closedDayTruth(account, catalog.campaigns, from, to, now, (campaign, date) => {
        const served = parts.servedDay(model, campaign, catalog.adGroupsOf(campaign), date, now);
        if (!served) return null;
        const adSets = served.adSets.map(({ adSet, day }) => ({ id: adSet.id, name: adSet.name, day }));
        return { day: served.day, adSets };
      });
      return parts.order ? rows.sort(parts.order) : rows;
    },
    delivery(world, accountId, history) {
      return parts.delivery(world.seed, requireAccount(world, accountId), history);
    },
  };
}
