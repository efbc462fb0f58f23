import type { IsoDate } from '../../domain/dates';
import type { EntityLevel } from '../../domain/metrics';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { int64Id } from './units';

/**
 * Pure parsing of GoogleAdsService.Search responses (docs: developers.google.com/google-ads/api/rest/common/search;
 * reference §2.2–2.4): `{results?: GoogleAdsRow[], nextPageToken?, fieldMask, requestId}`. Rows are proto3 JSON:
 * lowerCamelCase, nested per resource, int64 as strings, doubles as numbers. `results` is absent when there are no
 * rows and `nextPageToken` is absent on the last page.
 */

export interface GoogleAdsAccountContext {
  advertiserId: string;
  /** Customer id, 10 digits without hyphens. */
  accountId: string;
  currency: string;
  timeZone: string;
  /** Whether a report date is settled (Google: conversion lag, config restatementWindowDays). */
  isMature: (date: IsoDate) => boolean;
}

export interface GoogleAdsPage<T> {
  items: T[];
  /** nextPageToken; null on the last page. Opaque and secret-free, so it can be heartbeated as the cursor. */
  nextPageToken: string | null;
}

/** The search envelope: rows and the next page token. */
export function parseSearchEnvelope(body: unknown): {
  results: Record<string, unknown>[];
  nextPageToken: string | null;
} {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  const raw = body.results ?? [];
  if (!Array.isArray(raw)) throw new ResponseFormatError('results', 'expected an array of rows');
  const results = raw.map((row, i) => {
    if (!isRecord(row)) throw new ResponseFormatError(`results[${i}]`, 'expected an object');
    return row;
  });
  const token = body.nextPageToken;
  if (token !== undefined && (typeof token !== 'string' || token === '')) {
    throw new ResponseFormatError('nextPageToken', `expected a non-empty string, got ${JSON.stringify(token)}`);
  }
  return { results, nextPageToken: token ?? null };
}

/** A nested resource object of a GoogleAdsRow (`campaign`, `adGroup`, `metrics`...); {} when not selected. */
export function nested(row: Record<string, unknown>, resource: string, where: string): Record<string, unknown> {
  const value = row[resource];
  if (value === undefined) return {};
  if (!isRecord(value)) throw new ResponseFormatError(`${where}.${resource}`, 'expected an object');
  return value;
}

/** The entity a row is about, read the same way for metrics and entity pages. */
export interface RowEntity {
  entityId: string;
  entityName: string;
  /** The parent campaign, on ad group rows only (the key is absent on campaign rows). */
  campaignId?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Campaign rows name the campaign; ad group rows (FROM ad_group, docs fields/v26/ad_group) name the ad group in
 * `adGroup` and its campaign in `campaign`, both int64 ids as strings.
 */
export const ROW_ENTITY: Record<EntityLevel, (row: Record<string, unknown>, where: string) => RowEntity> = {
  campaign: (row, where) => {
    const campaign = nested(row, 'campaign', where);
    return { entityId: int64Id(campaign.id, `${where}.campaign.id`), entityName: text(campaign.name) };
  },
  adset: (row, where) => {
    const adGroup = nested(row, 'adGroup', where);
    return {
      entityId: int64Id(adGroup.id, `${where}.adGroup.id`),
      entityName: text(adGroup.name),
      campaignId: int64Id(nested(row, 'campaign', where).id, `${where}.campaign.id`),
    };
  },
};
