import type { Command } from 'commander';
import type { Db } from 'mongodb';
import { loadConfig } from '../config/load';
import { loadTrackersConfig, mappingsOf } from '../config/trackers';
import type { TrackersFile } from '../config/trackers-schema';
import { currencyDecimals, microsToDecimal } from '../domain/money';
import { joinTrackerRows, unmatchedCampaigns, type UnmatchedCampaign } from '../domain/tracker-join';
import { stackEnvironment, stackUp } from '../stack';
import { readStackState } from '../stack/state';
import { connectDatabase } from '../storage/mongo';
import { mediaCampaignsOfApp } from '../storage/tracker-joined';
import { findTrackerApp } from '../storage/tracker-store';

/**
 * Tracker campaigns that no media campaign matched, per app: the stored tracker_daily rows joined with the media
 * campaigns the pulls stored in `entities`, through the mappings of config/trackers.yaml. Reads only.
 */
export async function findUnmatchedTrackerCampaigns(
  db: Db,
  trackers: TrackersFile,
  appIds?: readonly string[],
): Promise<UnmatchedCampaign[]> {
  const apps = trackers.apps.filter((a) => !appIds || appIds.includes(a.id));
  const result: UnmatchedCampaign[] = [];
  for (const app of apps) {
    const rows = await findTrackerApp(db, { tracker: app.tracker, app: app.id });
    if (rows.length === 0) continue;
    const campaigns = await mediaCampaignsOfApp(db, trackers, app.id);
    result.push(...unmatchedCampaigns(joinTrackerRows(rows, mappingsOf(trackers, app.id), campaigns).unmatched));
  }
  return result;
}

const REASONS: Record<UnmatchedCampaign['reason'], string> = {
  no_mapping: 'no mapping lists this media source',
  no_campaign: 'no media campaign fits',
  ambiguous: 'several media campaigns fit',
};

/** One line per unmatched campaign: app, source, campaign, why, and what it carries. */
export function unmatchedText(list: readonly UnmatchedCampaign[]): string {
  if (list.length === 0) return 'every stored tracker campaign matches a media campaign';
  return list
    .map((u) => {
      const campaign = u.campaignId !== null ? `${u.campaignName} (${u.campaignId})` : u.campaignName;
      const revenue = microsToDecimal(u.revenueMicros, currencyDecimals(u.currency));
      return `${u.app}  ${u.mediaSource}  ${campaign}: ${REASONS[u.reason]}; ${u.days} days, ${u.installs} installs, ${revenue} ${u.currency} revenue`;
    })
    .join('\n');
}

export function registerTrackersCommands(program: Command): void {
  program
    .command('trackers')
    .description('mobile measurement partners of config/trackers.yaml')
    .command('unmatched')
    .description('tracker campaigns that no media campaign matched (by id, then by the name rules of the mappings)')
    .option('--app <id...>', 'app ids of config/trackers.yaml (default: all)')
    .option('--json', 'print JSON (micros as decimal strings)')
    .action(async (opts: { app?: string[]; json?: boolean }) => {
      const config = loadConfig();
      const trackers = loadTrackersConfig(config.dir, config.accounts);
      const unknown = (opts.app ?? []).filter((id) => !trackers.apps.some((a) => a.id === id));
      if (unknown.length > 0) {
        throw new Error(
          `--app: no app ${unknown.join(', ')} in config/trackers.yaml (known: ${trackers.apps.map((a) => a.id).join(', ')})`,
        );
      }
      if (!process.env.MONGO_URL) {
        Object.assign(process.env, stackEnvironment(await stackUp({ sandbox: Boolean(readStackState().sandbox) })));
      }
      const database = await connectDatabase(process.env.MONGO_URL as string);
      try {
        const list = await findUnmatchedTrackerCampaigns(database.db, trackers, opts.app);
        console.log(
          opts.json
            ? JSON.stringify(list, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)
            : unmatchedText(list),
        );
      } finally {
        await database.client.close();
      }
    });
}
