import type { NaverCampaign } from '../parse';
import type { RawExchange } from '../../../connectors/connector';

/** Every campaign of the customer, in id order, as one attempt listed them. */
export interface CampaignListing {
  campaigns: NaverCampaign[];
  /** The exchange of the last list page, kept for a page that has no call of its own to show. */
  exchange: RawExchange;
}

/** Id order: the order Naver pages in (baseSearchId) and the order cursors resume in. */
export function sortById<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Paging by baseSearchId: a full page may have more after its last id; a short one is the end. */
export function nextAfter(items: Array<{ id: string }>, recordSize: string): string | null {
  const last = items.at(-1);
  return items.length === Number(recordSize) && last ? last.id : null;
}

/** Every page of a baseSearchId-paged list, in id order, with the last page's exchange. */
export async function listAll<T extends { id: string }>(
  pageAfter: (after: string | null) => Promise<{ items: T[]; next: string | null; exchange: RawExchange }>,
): Promise<{ items: T[]; exchange: RawExchange }> {
  const items: T[] = [];
  for (let after: string | null = null; ;) {
    const page = await pageAfter(after);
    items.push(...page.items);
    if (!page.next) return { items: sortById(items), exchange: page.exchange };
    after = page.next;
  }
}
