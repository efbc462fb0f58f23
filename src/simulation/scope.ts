import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import type { EngineConfig } from '../config/load';
import type { RuleConfig } from '../config/rules-schema';
import type { AccountConfig } from '../config/schema';
import { effectiveBudgetRules } from '../connectors/budget-rules';
import type { BudgetRules } from '../connectors/budget';
import type { EntityLevel } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import { budgetHolders } from '../sandbox/delivery';
import { SANDBOX_PLATFORMS } from '../sandbox/registry';
import { NO_BUDGET_CHANGES, type BudgetLevel } from '../sandbox/state';
import type { SandboxWorld } from '../sandbox/world';

/** A simulation refused before anything starts: the message says what to change. */
export class SimulationRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationRefused';
  }
}

/** Objectives whose outcome a simulation can add up day by day on one total of budgets. */
export const SIMULATED_OBJECTIVES = ['maxRevenue', 'maxConversions'] as const;

export interface ScopeAccount {
  platform: Platform;
  accountId: string;
  currency: string;
  timeZone: string;
  rules: BudgetRules;
}

/** One budget the rule may move, as the sandbox holds it. */
export interface ScopeHolder {
  account: ScopeAccount;
  holderId: string;
  level: BudgetLevel;
  /** The entities whose rows its outcome is measured on (campaigns, or the ad set itself). */
  entityIds: string[];
  generatedBudgetMicros: bigint;
  minMicros: bigint;
  maxMicros?: bigint;
  unitMicros: bigint;
}

export interface SimulationScope {
  advertiserId: string;
  agencyTimeZone: string;
  accounts: ScopeAccount[];
  holders: ScopeHolder[];
  /** The credentials the sandbox accepts (config/sandbox.env), under the variable names accounts.yaml gives. */
  sandboxEnv: Record<string, string>;
}

/**
 * The rule's accounts and budgets in the sandbox world, or a refusal: a simulation runs only on a config whose every
 * account in the rule's scope is a sandbox account (same currency and zone) read with sandbox credentials, so it can
 * never reach a real platform or move a real budget.
 */
export function simulationScope(config: EngineConfig, world: SandboxWorld, rule: RuleConfig): SimulationScope {
  if (!(SIMULATED_OBJECTIVES as readonly string[]).includes(rule.objective.kind)) {
    throw new SimulationRefused(
      `--rule ${rule.id}: its objective is ${rule.objective.kind}; simulate measures ${SIMULATED_OBJECTIVES.join(' and ')} rules (the same total moved between budgets)`,
    );
  }
  if (rule.outcomeSource?.source === 'tracker') {
    throw new SimulationRefused(
      `--rule ${rule.id}: its outcome comes from the tracker, and the sandbox's tracker figures do not follow budgets (the hidden curves drive the media's conversions only), so neither it nor the oracle could be measured`,
    );
  }
  if (rule.scope.namePattern !== undefined) {
    throw new SimulationRefused(
      `--rule ${rule.id}: scope.namePattern is matched on names the sandbox's hidden side does not have; use scope.ids to simulate a subset`,
    );
  }
  const envFile = path.join(config.dir, 'sandbox.env');
  if (!existsSync(envFile)) {
    throw new SimulationRefused(
      `${config.dir} has no sandbox.env: simulate runs only against the sandbox, with the sandbox's credentials`,
    );
  }
  const sandboxEnv = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  const advertiser = config.accounts.advertisers.find((a) => a.id === rule.advertiserId);
  if (!advertiser) throw new SimulationRefused(`--rule ${rule.id}: advertiser ${rule.advertiserId} is not configured`);
  const inScope = advertiser.accounts.filter((a) => !rule.scope.platforms || rule.scope.platforms.includes(a.platform));
  const problems = inScope.flatMap((a) => accountProblems(a, world, sandboxEnv));
  if (problems.length > 0) {
    throw new SimulationRefused(
      `simulate runs only against the sandbox, and rule ${rule.id} reaches beyond it:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nUse a config whose accounts are those of config/sandbox.yaml.',
    );
  }
  const accounts: ScopeAccount[] = inScope.map((a) => ({
    platform: a.platform,
    accountId: a.accountId,
    currency: a.currency,
    timeZone: a.timeZone,
    rules: effectiveBudgetRules(a.platform, a.currency, config.platforms.platforms[a.platform]?.budget),
  }));
  const currencies = new Set(accounts.map((a) => a.currency));
  if (rule.objective.kind === 'maxRevenue' && currencies.size > 1) {
    throw new SimulationRefused(
      `--rule ${rule.id}: its scope spends in ${[...currencies].join(' and ')}, and revenue in different currencies cannot be added up; narrow scope.platforms to one currency`,
    );
  }
  const holders = accounts.flatMap((account) => scopeHolders(world, account, rule));
  if (holders.length === 0) throw new SimulationRefused(`--rule ${rule.id}: no budget in its scope to move`);
  return { advertiserId: advertiser.id, agencyTimeZone: config.accounts.timeZone, accounts, holders, sandboxEnv };
}

function accountProblems(account: AccountConfig, world: SandboxWorld, env: Record<string, string>): string[] {
  const where = `${account.platform} account ${account.accountId}`;
  const sandboxAccount = world[account.platform]?.accounts.find((a) => a.id === account.accountId);
  if (!sandboxAccount) return [`${where} is not an account of the sandbox world (config/sandbox.yaml)`];
  const problems: string[] = [];
  if (sandboxAccount.currency !== account.currency || sandboxAccount.timeZone !== account.timeZone) {
    problems.push(
      `${where} is ${account.currency} / ${account.timeZone} in accounts.yaml but ${sandboxAccount.currency} / ${sandboxAccount.timeZone} in the sandbox`,
    );
  }
  for (const [key, variable] of Object.entries(account.credentials)) {
    if (!env[variable]) problems.push(`${where}: its ${key} (${variable}) is not a sandbox credential in sandbox.env`);
  }
  return problems;
}

/**
 * The budgets of one account the rule can move: holders at the rule's level (a Google campaign budget counts as
 * campaign level) whose entities match its ids. A name pattern is matched later by the engine on the listing; the
 * sandbox's hidden side has no names, so a rule with `namePattern` is refused by the caller.
 */
function scopeHolders(world: SandboxWorld, account: ScopeAccount, rule: RuleConfig): ScopeHolder[] {
  const model = SANDBOX_PLATFORMS[account.platform].delivery(world, account.accountId, NO_BUDGET_CHANGES);
  const entityLevel = (level: BudgetLevel): EntityLevel => (level === 'adset' ? 'adset' : 'campaign');
  const ids = rule.scope.ids ? new Set(rule.scope.ids) : undefined;
  const minDaily = rule.constraints.minDaily[account.currency];
  const maxDaily = rule.constraints.maxDaily[account.currency];
  return budgetHolders(model)
    .filter((h) => entityLevel(h.level) === rule.scope.level && (!ids || h.entityIds.every((id) => ids.has(id))))
    .map((h) => {
      const platformMin = account.rules.minDailyMicrosByLevel?.[entityLevel(h.level)] ?? account.rules.minDailyMicros;
      return {
        account,
        holderId: h.id,
        level: h.level,
        entityIds: h.entityIds,
        generatedBudgetMicros: h.generatedBudgetMicros,
        minMicros: minDaily !== undefined && minDaily > platformMin ? minDaily : platformMin,
        ...(maxDaily !== undefined ? { maxMicros: maxDaily } : {}),
        unitMicros: account.rules.unitMicros,
      };
    });
}
