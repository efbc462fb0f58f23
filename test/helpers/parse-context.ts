/** What a parser needs to know about the account it parses for; KRW in Seoul unless a test says otherwise. */
export interface ParseContext {
  advertiserId: string;
  accountId: string;
  currency: string;
  timeZone: string;
  isMature: (date: string) => boolean;
}

export function parseContext(accountId: string, overrides: Partial<ParseContext> = {}): ParseContext {
  return {
    advertiserId: 'hanbit',
    accountId,
    currency: 'KRW',
    timeZone: 'Asia/Seoul',
    isMature: () => false,
    ...overrides,
  };
}

/** Rows dated before `firstOpenDay` are past the platform's restatement window. */
export const matureBefore =
  (firstOpenDay: string) =>
  (date: string): boolean =>
    date < firstOpenDay;
