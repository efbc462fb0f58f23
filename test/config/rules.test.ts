import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/load';
import { loadRules, promotionBar, ruleVersion } from '../../src/config/rules';
import { projectRoot } from '../../src/stack/paths';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const configDir = path.join(projectRoot(), 'config');
const exampleRules = (): Doc => parse(readFileSync(path.join(configDir, 'rules.yaml'), 'utf8')) as Doc;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function loadEdited(edit: (doc: Doc) => void, files = ['accounts.yaml', 'platforms.yaml', 'trackers.yaml']) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'adops-rules-'));
  dirs.push(dir);
  for (const name of files) writeFileSync(path.join(dir, name), readFileSync(path.join(configDir, name)));
  const doc = exampleRules();
  edit(doc);
  writeFileSync(path.join(dir, 'rules.yaml'), stringify(doc));
  return loadRules(loadConfig(dir));
}

const rule = (d: Doc, i = 0) => d.rules[i] as Doc;

describe('config/rules.yaml', () => {
  it('loads the example rules with money parsed exactly to micros per currency', () => {
    const rules = loadRules(loadConfig(configDir));
    const hanbit = rules.rules.find((r) => r.id === 'hanbit-conversions');
    expect(hanbit?.constraints.minDaily).toEqual({ KRW: 10_000_000_000n, USD: 10_000_000n });
    expect(hanbit?.approvalExpiresAfter).toBe(24 * 3_600_000);
    expect(hanbit?.constraints.cooldown).toBe(72 * 3_600_000);
    expect(hanbit?.constraints.cooldownByPlatform).toBeUndefined();
    const dalbit = rules.rules.find((r) => r.id === 'dalbit-revenue');
    expect(dalbit?.constraints.cooldown).toBe(24 * 3_600_000);
    expect(dalbit?.constraints.cooldownByPlatform).toEqual({ tiktok: 48 * 3_600_000 });
    expect(rules.killSwitch).toBe(false);
  });

  const CASES: Array<{ name: string; edit: (d: Doc) => void; path: string; says: RegExp }> = [
    {
      name: 'unknown advertiser',
      edit: (d) => void (rule(d).advertiserId = 'nobody'),
      path: 'advertiserId',
      says: /not an advertiser/,
    },
    {
      name: 'platform without an account',
      edit: (d) => void (rule(d).scope.platforms = ['tiktok']),
      path: 'scope.platforms[0]',
      says: /no tiktok account/,
    },
    {
      name: 'money in a currency nobody uses',
      edit: (d) => void (rule(d).constraints.minDaily = { JPY: '100' }),
      path: 'constraints.minDaily.JPY',
      says: /no account .* uses JPY/,
    },
    {
      name: 'money with too many decimals',
      edit: (d) => void (rule(d).constraints.minDaily = { USD: '1.1234567' }),
      path: 'constraints.minDaily.USD',
      says: /at most 6 decimals/,
    },
    {
      name: 'negative money',
      edit: (d) => void (rule(d).constraints.minDaily = { USD: '-5' }),
      path: 'constraints.minDaily.USD',
      says: /non-negative/,
    },
    {
      name: 'min above max',
      edit: (d) => void (rule(d).constraints.maxDaily = { KRW: '5000' }),
      path: 'constraints.minDaily.KRW',
      says: /above constraints.maxDaily/,
    },
    { name: 'unknown level', edit: (d) => void (rule(d).level = 'yolo'), path: 'level', says: /shadow|approve|auto/ },
    {
      name: 'bad duration',
      edit: (d) => void (rule(d).approvalExpiresAfter = 'tomorrow'),
      path: 'approvalExpiresAfter',
      says: /duration/,
    },
    {
      name: 'a cooldown for a platform that does not exist',
      edit: (d) => void (rule(d).constraints.cooldownByPlatform = { tik_tok: '48h' }),
      path: 'constraints.cooldownByPlatform',
      says: /tik_tok/,
    },
    {
      name: 'a platform cooldown that is not a duration',
      edit: (d) => void (rule(d).constraints.cooldownByPlatform = { tiktok: '2 days' }),
      path: 'constraints.cooldownByPlatform.tiktok',
      says: /duration/,
    },
    {
      name: 'expiry beyond 6 days',
      edit: (d) => void (rule(d).approvalExpiresAfter = '30d'),
      path: 'approvalExpiresAfter',
      says: /6 days/,
    },
    {
      name: 'bad name pattern',
      edit: (d) => void (rule(d).scope.namePattern = '(['),
      path: 'scope.namePattern',
      says: /regular expression/,
    },
    {
      name: 'duplicate rule id',
      edit: (d) => void (rule(d, 1).id = rule(d).id),
      path: 'rules[1].id',
      says: /duplicate rule id/,
    },
    { name: 'unknown field', edit: (d) => void (rule(d).maxBudget = 5), path: '', says: /maxBudget/ },
    {
      name: 'an agreement bar above 100%',
      edit: (d) => void (d.promotion = { minAgreementPct: 150 }),
      path: 'promotion.minAgreementPct',
      says: /100/,
    },
    {
      name: 'a promotion proposal that would wait more than 28 days',
      edit: (d) => void (d.promotion = { proposalExpiresAfter: '30d' }),
      path: 'promotion.proposalExpiresAfter',
      says: /28 days/,
    },
    {
      name: 'an unknown promotion field',
      edit: (d) => void (rule(d).promotion = { minAgreement: 90 }),
      path: 'promotion',
      says: /minAgreement/,
    },
    {
      name: 'a tracker outcome on ad sets',
      edit: (d) => void Object.assign(rule(d), { outcomeSource: { source: 'tracker' }, scope: { level: 'adset' } }),
      path: 'rules[0].scope.level',
      says: /is adset, but outcomeSource tracker needs campaign/,
    },
    {
      name: 'a tracker outcome where no app of the advertiser maps onto the rule’s platforms',
      // Hanbit's apps map onto Meta and Google Ads only (trackers.yaml).
      edit: (d) =>
        void Object.assign(rule(d), {
          outcomeSource: { source: 'tracker' },
          scope: { platforms: ['naver', 'kakao'], level: 'campaign' },
        }),
      path: 'rules[0].outcomeSource',
      says: /mapping from an app of hanbit-cosmetics onto an account of the rule's platforms \(naver, kakao\); its mappings: hanbit-beauty-aos → meta act_100200300/,
    },
    {
      name: 'a tracker count the join does not carry',
      edit: (d) => void (rule(d).outcomeSource = { source: 'tracker', conversions: 'purchases' }),
      path: 'rules[0].outcomeSource.conversions',
      says: /installs|reEngagements|events/,
    },
    {
      name: 'an unknown outcome source',
      edit: (d) => void (rule(d).outcomeSource = { source: 'ga4' }),
      path: 'rules[0].outcomeSource',
      says: /media|tracker|Invalid/,
    },
    {
      name: 'unknown objective',
      edit: (d) => void (rule(d).objective = { kind: 'maxClicks' }),
      path: 'objective',
      says: /kind|Invalid/,
    },
  ];

  it.each(CASES)('refuses $name, naming the path', ({ edit, path: at, says }) => {
    let error: unknown;
    try {
      loadEdited(edit);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    const problem = problems.find((p) => p.path.includes(at) && says.test(`${p.path} ${p.message}`));
    expect(problem, JSON.stringify(problems)).toBeDefined();
  });

  it('gives a changed rule a new version and an unchanged one the same', () => {
    const a = loadEdited(() => undefined).rules[0];
    const b = loadEdited(() => undefined).rules[0];
    const c = loadEdited((d) => void (rule(d).constraints.maxChangePct = 25)).rules[0];
    expect(a && ruleVersion(a)).toBe(b && ruleVersion(b));
    expect(a && ruleVersion(a)).not.toBe(c && ruleVersion(c));
  });

  it('reads the example tracker rule: installs from the tracker, campaigns only', () => {
    const rules = loadRules(loadConfig(configDir));
    const installs = rules.rules.find((r) => r.id === 'hanbit-app-installs');
    expect(installs?.outcomeSource).toEqual({ source: 'tracker', conversions: 'installs' });
    expect(installs?.scope.level).toBe('campaign');
    // Left out, the source is the media's; a count left out is installs.
    expect(rules.rules.find((r) => r.id === 'hanbit-conversions')?.outcomeSource).toBeUndefined();
    const defaulted = loadEdited((d) => void (rule(d).outcomeSource = { source: 'tracker' })).rules[0];
    expect(defaulted?.outcomeSource).toEqual({ source: 'tracker', conversions: 'installs' });
  });

  it('refuses a tracker rule without config/trackers.yaml, and loads media rules without it', () => {
    let error: unknown;
    try {
      loadEdited(() => undefined, ['accounts.yaml', 'platforms.yaml']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { path: 'rules[1].outcomeSource', message: expect.stringMatching(/^source tracker needs config\/trackers.yaml/) },
    ]);
    const mediaOnly = loadEdited((d) => void d.rules.splice(1, 1), ['accounts.yaml', 'platforms.yaml']);
    expect(mediaOnly.rules.map((r) => r.id)).toEqual(['hanbit-conversions', 'dalbit-revenue', 'dalbit-google-pacing']);
  });

  it('makes a rule switched to the tracker a new version, and writing out the media default does not', () => {
    const plain = loadEdited(() => undefined).rules[0]!;
    const media = loadEdited((d) => void (rule(d).outcomeSource = { source: 'media' })).rules[0]!;
    const tracker = loadEdited((d) => void (rule(d).outcomeSource = { source: 'tracker' })).rules[0]!;
    const events = loadEdited((d) => void (rule(d).outcomeSource = { source: 'tracker', conversions: 'events' }))
      .rules[0]!;
    expect(ruleVersion(media)).toBe(ruleVersion(plain));
    // As versions were computed before outcomeSource existed: a media rule keeps its version, level and evidence.
    const { promotion: _bar, ...what } = plain;
    const before = createHash('sha256')
      .update(JSON.stringify(what, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
      .digest('hex')
      .slice(0, 12);
    expect(ruleVersion(plain)).toBe(before);
    expect(ruleVersion(tracker)).not.toBe(ruleVersion(plain));
    expect(ruleVersion(events)).not.toBe(ruleVersion(tracker));
  });

  it('takes the promotion bar from the file, each field defaulted, a rule’s own fields over it', () => {
    const edited = loadEdited((d) => {
      d.promotion = { minAgreementPct: 90, minDecisions: 40 };
      rule(d, 1).promotion = { minDecisions: 5, proposalExpiresAfter: '36h' };
    });
    const [first, second] = edited.rules;
    // Defaults (rules-schema.ts): 95 / 30 / 80 / 10 / 20 / 7 / 7d; the file sets 90 and 40, the second rule 5
    // decisions and proposals that expire after 36 h.
    expect(promotionBar(edited, first!)).toEqual({
      minAgreementPct: 90,
      minDecisions: 40,
      minCalibrationPct: 80,
      minOutcomes: 10,
      recentDecisions: 20,
      outcomeDays: 7,
      proposalExpiresAfter: 604_800_000,
    });
    expect(promotionBar(edited, second!)).toMatchObject({
      minAgreementPct: 90,
      minDecisions: 5,
      proposalExpiresAfter: 129_600_000,
    });
    // Tuning the bar does not make the rule a new version: its evidence and level carry over.
    const plain = loadEdited(() => undefined).rules[1];
    expect(ruleVersion(second!)).toBe(ruleVersion(plain!));
  });
});
