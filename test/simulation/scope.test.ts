import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type EngineConfig } from '../../src/config/load';
import { findRule, loadRules } from '../../src/config/rules';
import type { RuleConfig } from '../../src/config/rules-schema';
import { simulate } from '../../src/simulation/run';
import { simulationScope, SimulationRefused } from '../../src/simulation/scope';
import { projectRoot } from '../../src/stack/paths';
import { sandboxWorld } from '../helpers/sandbox';

const configDir = path.join(projectRoot(), 'config');
const config = loadConfig(configDir);
const example = findRule(loadRules(config), 'dalbit-revenue') as RuleConfig;
const KRW = 1_000_000n;

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(SimulationRefused);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('what a simulation covers', () => {
  it("is the example rule's budgets in the sandbox, with the platforms' units and minimums", () => {
    const scope = simulationScope(config, sandboxWorld(), example);
    expect(scope.accounts.map((a) => `${a.platform}:${a.accountId}`)).toEqual([
      'meta:act_500600700',
      'naver:7654321',
      'tiktok:7000000000000000001',
    ]);
    const tiktok = scope.holders.filter((h) => h.account.platform === 'tiktok');
    const naver = scope.holders.filter((h) => h.account.platform === 'naver');
    expect(tiktok.length).toBeGreaterThan(0);
    // TikTok campaigns: at least 70,000 KRW a day (config/platforms.yaml); Naver budgets in 10 KRW steps.
    expect(new Set(tiktok.map((h) => h.minMicros))).toEqual(new Set([70_000n * KRW]));
    expect(new Set(naver.map((h) => h.unitMicros))).toEqual(new Set([10n * KRW]));
    // Campaign-level budgets only: ad set budgets are out of a campaign rule's reach.
    expect(scope.holders.every((h) => h.level === 'campaign')).toBe(true);
    expect(scope.sandboxEnv.META_TOKEN_DALBIT).toMatch(/^sbx-/);
  });
});

describe('a simulation is refused, before anything starts,', () => {
  it('for an account the sandbox does not have', () => {
    const world = sandboxWorld();
    world.meta.accounts = world.meta.accounts.filter((a) => a.id !== 'act_500600700');
    expect(refusal(() => simulationScope(config, world, example))).toMatch(
      /only against the sandbox[\s\S]*meta account act_500600700 is not an account of the sandbox world/,
    );
  });

  it('for credentials that are not the sandbox’s', () => {
    const real: EngineConfig = structuredClone(config);
    const dalbit = real.accounts.advertisers.find((a) => a.id === 'dalbit-foods');
    const meta = dalbit?.accounts.find((a) => a.platform === 'meta');
    if (meta) meta.credentials = { accessToken: 'META_TOKEN_PRODUCTION' };
    expect(refusal(() => simulationScope(real, sandboxWorld(), example))).toMatch(
      /meta account act_500600700: its accessToken \(META_TOKEN_PRODUCTION\) is not a sandbox credential/,
    );
  });

  it('for an objective without a fixed total, revenue in two currencies, or a name pattern', () => {
    const target = { ...example, objective: { kind: 'targetRoas' as const, roas: 3 } };
    expect(refusal(() => simulationScope(config, sandboxWorld(), target))).toMatch(/objective is targetRoas/);
    const twoCurrencies = {
      ...example,
      scope: { ...example.scope, platforms: ['meta' as const, 'google_ads' as const] },
    };
    expect(refusal(() => simulationScope(config, sandboxWorld(), twoCurrencies))).toMatch(/KRW and USD/);
    const named = { ...example, scope: { ...example.scope, namePattern: '^KR_' } };
    expect(refusal(() => simulationScope(config, sandboxWorld(), named))).toMatch(/namePattern/);
  });

  it("for a rule fitted on the tracker's figures, which the sandbox's budgets do not move", () => {
    const tracked = { ...example, outcomeSource: { source: 'tracker' as const, conversions: 'installs' as const } };
    expect(refusal(() => simulationScope(config, sandboxWorld(), tracked))).toMatch(
      /its outcome comes from the tracker/,
    );
  });

  it('for an unknown rule, a number of days out of range, or an end that is not a past date', async () => {
    const options = { configDir, mongoUrl: 'mongodb://unused', reportsDir: '/nonexistent', progress: () => undefined };
    await expect(simulate({ ...options, ruleId: 'nope', days: 3 })).rejects.toThrow(/--rule: "nope" is not in/);
    await expect(simulate({ ...options, ruleId: 'dalbit-revenue', days: 0 })).rejects.toThrow(/--days: .* 1 to 90/);
    await expect(simulate({ ...options, ruleId: 'dalbit-revenue', days: 91 })).rejects.toThrow(/got 91/);
    const dalbit = { ...options, ruleId: 'dalbit-revenue', days: 3 };
    await expect(simulate({ ...dalbit, end: '2999-01-01' })).rejects.toThrow(/--end: .* no later than yesterday/);
    await expect(simulate({ ...dalbit, end: 'yesterday' })).rejects.toThrow(/--end: .* got yesterday/);
  });
});
