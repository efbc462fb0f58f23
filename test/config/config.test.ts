import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configYaml, loadConfig, parseYamlText } from '../../src/config/load';
import { accountsFileSchema, platformsFileSchema } from '../../src/config/schema';
import { projectRoot } from '../../src/stack/paths';

const problemsOf = (yaml: string) => {
  try {
    parseYamlText(yaml, 'config/accounts.yaml', accountsFileSchema);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
};

const valid = `
timeZone: Asia/Seoul
advertisers:
  - id: acme
    name: Acme
    accounts:
      - platform: meta
        accountId: act_1
        currency: KRW
        timeZone: Asia/Seoul
        credentials: { accessToken: META_TOKEN }
`;

describe('config validation', () => {
  it('loads the example config, which has 2+ advertisers and 3+ Meta accounts', () => {
    const config = loadConfig(path.join(projectRoot(), 'config'));
    expect(config.accounts.advertisers.length).toBeGreaterThanOrEqual(2);
    expect(
      config.accounts.advertisers.flatMap((a) => a.accounts).filter((a) => a.platform === 'meta').length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('accepts a minimal valid file', () => {
    expect(parseYamlText(valid, 'x.yaml', accountsFileSchema).advertisers[0]?.accounts[0]?.accountId).toBe('act_1');
  });

  it('names the file, the path inside it and the problem', () => {
    const message = problemsOf(valid.replace('currency: KRW', 'currency: won'));
    expect(message).toContain('config/accounts.yaml');
    expect(message).toContain('advertisers[0].accounts[0].currency');
    expect(message).toContain('ISO 4217');
  });

  it('catches a bad zone, a wrong account id shape, a pasted secret and an unknown platform', () => {
    expect(
      problemsOf(valid.replace('timeZone: Asia/Seoul\n        credentials', 'timeZone: Seoul\n        credentials')),
    ).toContain('advertisers[0].accounts[0].timeZone: is not an IANA time zone');
    expect(problemsOf(valid.replace('act_1', '12345'))).toContain('advertisers[0].accounts[0].accountId');
    expect(problemsOf(valid.replace('META_TOKEN', 'EAAB-real-token'))).toContain('NAME of an environment variable');
    expect(problemsOf(valid.replace('platform: meta', 'platform: myspace'))).toContain(
      'advertisers[0].accounts[0].platform',
    );
  });

  it('rejects duplicate accounts and unknown keys', () => {
    const dup = `${valid}  - id: other\n    name: Other\n    accounts:\n      - platform: meta\n        accountId: act_1\n        currency: KRW\n        timeZone: Asia/Seoul\n        credentials: { accessToken: T }\n`;
    expect(problemsOf(dup)).toContain('meta:act_1 is already listed under advertiser "acme"');
    expect(problemsOf(valid.replace('name: Acme', 'name: Acme\n    budget: 5'))).toContain('advertisers[0]');
  });

  it('reports YAML syntax errors with a line number', () => {
    expect(problemsOf('advertisers: [\n  - id: x')).toMatch(/line \d+/);
  });

  it('names a missing file', () => {
    expect(() => loadConfig('/nonexistent-dir')).toThrow(/accounts\.yaml.*cannot read/s);
  });

  it('writes a loaded config back as YAML that loads the same, money included', () => {
    const platforms = loadConfig(path.join(projectRoot(), 'config')).platforms;
    expect(platforms.platforms.kakao?.budget?.minDaily?.campaign?.KRW).toBe(50_000_000_000n);
    expect(parseYamlText(configYaml(platforms), 'platforms.yaml', platformsFileSchema)).toEqual(platforms);
  });
});
