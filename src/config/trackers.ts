import path from 'node:path';
import type { Platform } from '../domain/platforms';
import type { TrackerFeed } from '../domain/rebalance/tracker-outcome';
import type { CampaignMapping } from '../domain/tracker-join';
import { ConfigError, loadYamlFile, parseYamlText } from './load';
import type { AccountsFile } from './schema';
import { trackersFileSchema, type TrackerAppConfig, type TrackersFile } from './trackers-schema';

/** config/trackers.yaml, checked against config/accounts.yaml: every advertiser and mapped ad account must exist there. */
export function loadTrackersConfig(dir: string, accounts: AccountsFile): TrackersFile {
  const file = path.join(dir, 'trackers.yaml');
  return checkAgainstAccounts(loadYamlFile(file, trackersFileSchema), accounts, file);
}

/** The same from text (tests, `config check` of a draft). */
export function parseTrackersConfig(text: string, accounts: AccountsFile, file = 'trackers.yaml'): TrackersFile {
  return checkAgainstAccounts(parseYamlText(text, file, trackersFileSchema), accounts, file);
}

function checkAgainstAccounts(config: TrackersFile, accounts: AccountsFile, file: string): TrackersFile {
  const problems: Array<{ path: string; message: string }> = [];
  const advertisers = new Map(accounts.advertisers.map((a) => [a.id, a]));
  config.apps.forEach((app, i) => {
    if (!advertisers.has(app.advertiser)) {
      problems.push({
        path: `apps[${i}].advertiser`,
        message: `no advertiser "${app.advertiser}" in accounts.yaml (known: ${[...advertisers.keys()].join(', ')})`,
      });
    }
  });
  const apps = new Map(config.apps.map((a) => [a.id, a]));
  config.mappings.forEach((mapping, i) => {
    const owner = advertisers.get(apps.get(mapping.app)?.advertiser ?? '');
    if (!owner) return; // the app or its advertiser is already reported
    mapping.accountIds.forEach((accountId, j) => {
      const listed = owner.accounts.some((a) => a.platform === mapping.platform && a.accountId === accountId);
      if (!listed) {
        problems.push({
          path: `mappings[${i}].accountIds[${j}]`,
          message: `${mapping.platform} account ${accountId} is not an account of advertiser "${owner.id}" in accounts.yaml`,
        });
      }
    });
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return config;
}

/** One app by its key; undefined when trackers.yaml does not list it. */
export function findTrackerApp(config: TrackersFile, appKey: string): TrackerAppConfig | undefined {
  return config.apps.find((a) => a.id === appKey);
}

/** An app's mappings in the pure join's terms. */
export function mappingsOf(config: TrackersFile, appKey: string): CampaignMapping[] {
  return config.mappings
    .filter((m) => m.app === appKey)
    .map((m) => ({
      mediaSources: m.mediaSources,
      platform: m.platform,
      accountIds: m.accountIds,
      matchById: m.matchById,
      nameRules: m.nameRules,
    }));
}

/**
 * The tracker apps of an advertiser whose mappings land on each of the given accounts, with what decides when their
 * days settle (the app's zone, its tracker's restatement window): the feeds of a tracker-sourced rule.
 */
export function trackerFeeds(
  config: TrackersFile,
  advertiserId: string,
  accounts: ReadonlyArray<{ platform: Platform; accountId: string }>,
): TrackerFeed[] {
  const feeds: TrackerFeed[] = [];
  for (const app of config.apps.filter((a) => a.advertiser === advertiserId)) {
    const window = config.trackers[app.tracker]?.restatementWindowDays;
    if (window === undefined) continue; // the schema refuses an app without its tracker's settings
    for (const account of accounts) {
      const mapped = config.mappings.some(
        (m) => m.app === app.id && m.platform === account.platform && m.accountIds.includes(account.accountId),
      );
      if (mapped)
        feeds.push({
          app: app.id,
          tracker: app.tracker,
          platform: account.platform,
          accountId: account.accountId,
          timeZone: app.timeZone,
          restatementWindowDays: window,
        });
    }
  }
  return feeds;
}
