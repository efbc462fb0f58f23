import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { unsetCredentialVariables } from '../../src/config/accounts';
import { ConfigError, loadConfig } from '../../src/config/load';
import { projectRoot } from '../../src/stack/paths';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const original = (file: string): Doc => parse(readFileSync(path.join(projectRoot(), 'config', file), 'utf8')) as Doc;

interface BadConfig {
  name: string;
  file: 'accounts.yaml' | 'platforms.yaml';
  /** Breaks a copy of the example config, or replaces the file's text outright. */
  edit: ((doc: Doc) => void) | string;
  /** The path the error must name, and what it must say. */
  path: string;
  says: RegExp;
}

const firstAccount = (doc: Doc) => doc.advertisers[0].accounts[0] as Doc;
const accountOn = (doc: Doc, platform: string) =>
  (doc.advertisers as Doc[]).flatMap((a) => a.accounts as Doc[]).find((a) => a.platform === platform) as Doc;

const CASES: BadConfig[] = [
  {
    name: 'unknown currency',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).currency = 'XYZ'),
    path: 'currency',
    says: /ISO 4217/,
  },
  {
    name: 'lower-case currency',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).currency = 'krw'),
    path: 'currency',
    says: /ISO 4217/,
  },
  {
    name: 'empty credentials',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).credentials = {}),
    path: 'credentials.accessToken',
    says: /missing/,
  },
  {
    name: 'misspelled credentials key',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).credentials = { acessToken: 'META_TOKEN_AGENCY' }),
    path: 'credentials.acessToken',
    says: /unknown credential key/,
  },
  {
    name: 'a secret instead of a variable name',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).credentials.accessToken = 'EAAB-secret'),
    path: 'credentials.accessToken',
    says: /NAME of an environment variable/,
  },
  {
    name: 'Naver without its secret key',
    file: 'accounts.yaml',
    edit: (d) => void delete accountOn(d, 'naver').credentials.secretKey,
    path: 'credentials.secretKey',
    says: /apiKey and secretKey/,
  },
  {
    name: 'unknown time zone',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).timeZone = 'Asia/Busan'),
    path: 'timeZone',
    says: /IANA/,
  },
  {
    name: 'agency time zone missing',
    file: 'accounts.yaml',
    edit: (d) => void delete d.timeZone,
    path: 'timeZone',
    says: /expected string/i,
  },
  {
    name: 'unknown platform',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).platform = 'facebook'),
    path: 'platform',
    says: /meta/,
  },
  {
    name: 'Meta id without act_',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).accountId = '100200300'),
    path: 'accountId',
    says: /not a meta account id/,
  },
  {
    name: 'Google id with dashes',
    file: 'accounts.yaml',
    edit: (d) => void (accountOn(d, 'google_ads').accountId = '123-456-7890'),
    path: 'accountId',
    says: /not a google_ads account id/,
  },
  {
    name: 'duplicate account',
    file: 'accounts.yaml',
    edit: (d) => void d.advertisers[1].accounts.push({ ...firstAccount(d) }),
    path: 'accountId',
    says: /already listed/,
  },
  {
    name: 'duplicate advertiser id',
    file: 'accounts.yaml',
    edit: (d) => void (d.advertisers[1].id = d.advertisers[0].id),
    path: 'advertisers[1].id',
    says: /duplicate advertiser/,
  },
  {
    name: 'advertiser without accounts',
    file: 'accounts.yaml',
    edit: (d) => void (d.advertisers[0].accounts = []),
    path: 'advertisers[0].accounts',
    says: /at least one/,
  },
  {
    name: 'unknown field on an account',
    file: 'accounts.yaml',
    edit: (d) => void (firstAccount(d).budget = 1000),
    path: 'advertisers[0].accounts[0]',
    says: /budget/,
  },
  { name: 'YAML syntax error', file: 'accounts.yaml', edit: 'advertisers: [\n', path: 'line', says: /./ },
  {
    name: 'YAML alias bomb',
    file: 'accounts.yaml',
    edit: [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n'),
    path: '(top level)',
    says: /cannot be read as YAML.*alias/i,
  },
  {
    name: 'platform key typo',
    file: 'platforms.yaml',
    edit: (d) => void ((d.platforms.tik_tok = d.platforms.tiktok), delete d.platforms.tiktok),
    path: 'platforms',
    says: /tik_tok/,
  },
  {
    name: 'restatement window over the pull limit',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.meta.restatementWindowDays = 1000),
    path: 'platforms.meta.restatementWindowDays',
    says: /93-day pull limit/,
  },
  {
    name: 'requests per second near zero',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.meta.requestsPerSecond = 1e-9),
    path: 'platforms.meta.requestsPerSecond',
    says: /at least 0.01/,
  },
  {
    name: 'request timeout of 30 years',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.meta.requestTimeoutSeconds = 1e9),
    path: 'platforms.meta.requestTimeoutSeconds',
    says: /at most 600/,
  },
  {
    name: 'a million parallel children',
    file: 'platforms.yaml',
    edit: (d) => void (d.worker.maxParallelChildren = 1e6),
    path: 'worker.maxParallelChildren',
    says: /500/,
  },
  {
    name: 'negative page size',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.naver.pageSize = -5),
    path: 'platforms.naver.pageSize',
    says: /0/,
  },
  {
    name: 'fractional page size',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.naver.pageSize = 10.5),
    path: 'platforms.naver.pageSize',
    says: /int/i,
  },
  {
    name: 'levels without campaign',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.meta.levels = ['adset']),
    path: 'platforms.meta.levels',
    says: /must include campaign/,
  },
  {
    name: 'settlesAt not a time',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.kakao.settlesAt = '25:00'),
    path: 'platforms.kakao.settlesAt',
    says: /HH:MM/,
  },
  {
    name: 'base URL not a URL',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.meta.baseUrl = 'graph.facebook.com'),
    path: 'platforms.meta.baseUrl',
    says: /URL/i,
  },
  {
    name: 'body cap below 1 KiB',
    file: 'platforms.yaml',
    edit: (d) => void (d.platforms.meta.maxBodyBytes = 10),
    path: 'platforms.meta.maxBodyBytes',
    says: /1024/,
  },
  {
    name: 'an account on a platform without settings',
    file: 'platforms.yaml',
    edit: (d) => void delete d.platforms.kakao,
    path: 'platform',
    says: /kakao has no settings in platforms.yaml/,
  },
];

describe('bad config files are rejected with file, path and problem', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each(CASES)('$name', ({ file, edit, path: at, says }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'adops-bad-config-'));
    dirs.push(dir);
    for (const name of ['accounts.yaml', 'platforms.yaml']) {
      if (name === file && typeof edit === 'string') {
        writeFileSync(path.join(dir, name), edit);
        continue;
      }
      const doc = original(name);
      if (name === file && typeof edit === 'function') edit(doc);
      writeFileSync(path.join(dir, name), stringify(doc));
    }
    let error: unknown;
    try {
      loadConfig(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const config = error as ConfigError;
    // The account without platform settings is reported against accounts.yaml, where the account is listed.
    expect(path.basename(config.file)).toBe(at === 'platform' ? 'accounts.yaml' : file);
    const problem = config.problems.find((p) => p.path.includes(at) || (at === '(top level)' && p.path === ''));
    expect(problem, `no problem at ${at} in: ${config.message}`).toBeDefined();
    expect(problem?.message).toMatch(says);
  });

  it('has at least 25 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(25));

  it('names each credential variable the environment does not set', () => {
    const accounts = loadConfig(path.join(projectRoot(), 'config')).accounts;
    const unset = unsetCredentialVariables(accounts, { META_TOKEN_AGENCY: 'x' });
    expect(unset.some((u) => u.variable === 'META_TOKEN_AGENCY')).toBe(false);
    expect(unset.find((u) => u.platform === 'naver' && u.key === 'secretKey')).toMatchObject({
      accountId: expect.any(String),
    });
  });
});
