import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load';
import { loadTrackersConfig, mappingsOf, parseTrackersConfig } from '../../src/config/trackers';
import { projectRoot } from '../../src/stack/paths';

const dir = path.join(projectRoot(), 'config');
const accounts = loadConfig(dir).accounts;
const good = readFileSync(path.join(dir, 'trackers.yaml'), 'utf8');

/** The problems ConfigError lists for a variant of config/trackers.yaml, as "path: message". */
function problems(text: string): string[] {
  try {
    parseTrackersConfig(text, accounts);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('config/trackers.yaml', () => {
  it('loads: four apps on three trackers, each mapping in the join’s terms', () => {
    const config = loadTrackersConfig(dir, accounts);
    expect(config.apps.map((a) => `${a.tracker}:${a.appId}`)).toEqual([
      'appsflyer:com.hanbit.beauty',
      'appsflyer:id1500000001',
      'adjust:d4lb1te4ts00',
      'airbridge:dalbitglobal',
    ]);
    expect(mappingsOf(config, 'hanbit-beauty-aos')).toEqual([
      {
        mediaSources: ['Facebook Ads'],
        platform: 'meta',
        accountIds: ['act_100200300'],
        matchById: true,
        nameRules: [
          { pattern: '^(?<name>KR_.+)$', ignoreCase: false },
          { pattern: '^af_(?<name>.+)$', ignoreCase: false },
        ],
      },
      {
        mediaSources: ['googleadwords_int'],
        platform: 'google_ads',
        accountIds: ['1234567890'],
        matchById: true,
        nameRules: [],
      },
    ]);
  });

  it('names each problem with its path and refuses the whole file', () => {
    expect(
      problems(
        good.replace('advertiser: dalbit-foods\n    tracker: adjust', 'advertiser: dalbit-food\n    tracker: adjust'),
      ),
    ).toEqual([
      'apps[2].advertiser: no advertiser "dalbit-food" in accounts.yaml (known: hanbit-cosmetics, dalbit-foods)',
    ]);
    expect(problems(good.replace("accountIds: ['9876543210']", "accountIds: ['1234567890']"))).toEqual([
      'mappings[4].accountIds[0]: google_ads account 1234567890 is not an account of advertiser "dalbit-foods" in accounts.yaml',
    ]);
    expect(problems(good.replace("'^af_(?<name>.+)$'", () => "'^af_(?<name>.+$'"))).toEqual([
      expect.stringMatching(/^mappings\[0\]\.nameRules\[1\]\.pattern: is not a regular expression/),
    ]);
    expect(problems(good.replace("'^af_(?<name>.+)$'", () => "'^af_.+$'"))).toEqual([
      'mappings[0].nameRules[1].pattern: must capture (?<id>…) or (?<name>…)',
    ]);
    expect(problems(good.replace('appId: d4lb1te4ts00', 'appId: dalbit'))).toEqual([
      'apps[2].appId: "dalbit" is not a adjust app id (expected /^[a-z0-9]{12}$/)',
    ]);
    expect(problems(good.replace('apiToken: ADJUST_API_TOKEN', 'apiToken: sbx-adjust-user-8b2f6c0e'))).toEqual([
      'apps[2].credentials.apiToken: must be the NAME of an environment variable (upper case), not the secret itself',
    ]);
    expect(problems(good.replace('currency: USD', 'currency: XYZ'))).toEqual([
      'apps[3].currency: is not an ISO 4217 currency code',
    ]);
    expect(problems(good.replace('- app: dalbit-global', '- app: dalbit-globl'))).toEqual([
      'mappings[4].app: no app "dalbit-globl" under apps:',
    ]);
    expect(problems(good.replace('restatementWindowDays: 30', 'restatementWindowDays: -1'))).toEqual([
      'trackers.appsflyer.restatementWindowDays: Too small: expected number to be >=0',
    ]);
    expect(problems(good)).toEqual([]);
  });
});
