import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes so AEs can filter runs in the Web UI (registered by `adops stack up`). */
export const SA_ADVERTISER = defineSearchAttributeKey('AdopsAdvertiser', SearchAttributeType.KEYWORD_LIST);
export const SA_PLATFORM = defineSearchAttributeKey('AdopsPlatform', SearchAttributeType.KEYWORD);
export const SA_ACCOUNT = defineSearchAttributeKey('AdopsAccount', SearchAttributeType.KEYWORD);
export const SA_RUN_KIND = defineSearchAttributeKey('AdopsRunKind', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [SA_ADVERTISER, SA_PLATFORM, SA_ACCOUNT, SA_RUN_KIND];

/** The `--search-attribute Name=Type` spelling the temporal CLI wants. */
export const SEARCH_ATTRIBUTE_CLI_TYPES: Record<string, string> = {
  AdopsAdvertiser: 'KeywordList',
  AdopsPlatform: 'Keyword',
  AdopsAccount: 'Keyword',
  AdopsRunKind: 'Keyword',
};
