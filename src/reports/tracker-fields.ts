import type { UnmatchedReason } from '../domain/tracker-join';
import type { MessageKey, Translate } from './messages';
import type { CampaignTrackerFigures, TrackerRoasNote } from './model';

/**
 * The tracker columns every format adds to the campaign table, in one order. Money is in the tracker's currency
 * (its own column), which may differ from the campaign's: it is never converted.
 */
export const TRACKER_COLUMNS = [
  'installs',
  'reEngagements',
  'inAppEvents',
  'trackerRevenue',
  'trackerCurrency',
  'trackerRoas',
  'trackerCost',
  'trackerNote',
] as const satisfies readonly MessageKey[];

/** Why a tracker ROAS is not shown, in words; null when it is. */
export function roasWhy(
  t: Translate,
  note: TrackerRoasNote | null,
  trackerCurrency: string,
  mediaCurrency: string,
): string | null {
  if (note === 'currency_mismatch') return t('roasCurrencyMismatch', { tracker: trackerCurrency, media: mediaCurrency });
  if (note === 'no_spend') return t('roasNoSpend');
  return null;
}

/** The note beside a campaign's tracker figures: why there is no ROAS, and how many days may still change. */
export function trackerNote(t: Translate, f: CampaignTrackerFigures, mediaCurrency: string): string {
  const parts = [roasWhy(t, f.roasNote, f.currency, mediaCurrency)];
  if (f.unsettledDays.length > 0) parts.push(t('trackerUnsettled', { count: f.unsettledDays.length }));
  return parts.filter((p): p is string => p !== null).join('; ');
}

const UNMATCHED_KEYS: Record<UnmatchedReason, MessageKey> = {
  no_mapping: 'unmatchedNoMapping',
  no_campaign: 'unmatchedNoCampaign',
  ambiguous: 'unmatchedAmbiguous',
};

export function unmatchedReason(t: Translate, reason: UnmatchedReason): string {
  return t(UNMATCHED_KEYS[reason]);
}

/** Tracker names as the vendors write them. */
export function trackerName(tracker: string): string {
  return { appsflyer: 'AppsFlyer', adjust: 'Adjust', airbridge: 'Airbridge' }[tracker] ?? tracker;
}
