import type { SandboxAccount } from './generator';
import { majorToMicros } from './generator';
import { createRng, hashSeed, logNormal } from './rng';
import type { BudgetLevel } from './state';

/** One budget holder: what a daily budget is set on, and what it pays for. */
export interface BudgetHolder {
  /** The id its budget mutations are logged under: campaign or ad set id, Google budget resource name. */
  id: string;
  level: BudgetLevel;
  /** The campaigns it pays for (campaign and budget level), or the ad set itself (adset level). */
  entityIds: string[];
  /** The daily budget before any mutation, micros of the account currency. */
  generatedBudgetMicros: bigint;
}

/**
 * A holder's hidden response: expected conversions = a · spend^b with spend in MAJOR units of the account currency
 * (concave, b < 1: each extra unit of budget buys fewer conversions), revenue = conversions × aov. Never served by a
 * platform API; tests and simulations read it through response-curves.ts.
 */
export interface HolderCurve {
  a: number;
  b: number;
  aovMicros: bigint;
  /** Typical share of the budget spent on a weekday (before daily noise and rare spikes). */
  utilisation: number;
  ctr: number;
  /** Cost per thousand impressions at the account's scale, major units. */
  cpmMajor: number;
}

/**
 * Deterministic per (seed, platform, account, holder). `a` is calibrated so that at the generated budget the holder
 * converts at the scale the sandbox always had (clicks × a 3% conversion rate times a log-normal quality).
 */
export function holderCurve(
  seed: number,
  platform: string,
  account: SandboxAccount,
  holder: BudgetHolder,
): HolderCurve {
  const rng = createRng(hashSeed(seed, platform, account.id, 'curve', holder.id));
  const b = 0.35 + rng() * 0.5;
  const utilisation = 0.72 + rng() * 0.2;
  const ctr = 0.005 + rng() * 0.025;
  const quality = logNormal(rng, 0.8);
  const aovMajor = account.medianDailySpend * 0.2 * (0.8 + rng() * 0.4);
  const cpmMajor = account.medianDailySpend * 0.04;
  const budgetMajor = Number(holder.generatedBudgetMicros) / 1e6;
  const referenceSpend = Math.max(budgetMajor * utilisation, 1e-6);
  const referenceConversions = (referenceSpend / cpmMajor) * 1000 * ctr * Math.min(0.5, 0.03 * quality);
  return {
    a: referenceConversions / referenceSpend ** b,
    b,
    aovMicros: majorToMicros(aovMajor, account.currency),
    utilisation,
    ctr,
    cpmMajor,
  };
}
