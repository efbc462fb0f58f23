import { describe, expect, it } from 'vitest';
import type { TrackerParseContext } from '../../../src/connectors/tracker';
import { classifyAppsflyerError } from '../../../src/trackers/appsflyer/errors';
import { parseAppsflyerReport } from '../../../src/trackers/appsflyer/parse';
import { fieldOf } from '../../helpers/format-errors';

const ctx: TrackerParseContext = {
  app: 'beauty-aos',
  appId: 'com.example.beauty',
  advertiserId: 'hanbit',
  currency: 'KRW',
  timeZone: 'Asia/Seoul',
  range: { from: '2026-11-01', to: '2026-11-02' },
  isMature: (date) => date < '2026-11-02',
};

const UA_HEADER =
  'Date,Agency/PMD (af_prt),Media Source (pid),Campaign (c),Impressions,Clicks,Installs,Total Revenue,Total Cost,' +
  'af_purchase (Unique users),af_purchase (Event counter),af_purchase (Sales in KRW),af_login (Event counter)';

describe('AppsFlyer partners-by-date CSV', () => {
  it('reads a UA report: quoted names, N/A, agency lines summed, exact money, zero-count events left out', () => {
    const csv =
      '\uFEFF' +
      UA_HEADER +
      '\r\n' +
      '2026-11-01,None,Facebook Ads,"KR, ""Lookalike"" test",1000,40,12,34500,12000.5,3,3,34500,N/A\r\n' +
      '2026-11-01,madup,Facebook Ads,"KR, ""Lookalike"" test",10,2,3,0.25,N/A,0,0,0,7\r\n' +
      '2026-11-02,None,Organic,None,N/A,N/A,40,99000,N/A,5,6,99000,N/A\r\n';
    const rows = parseAppsflyerReport(csv, ctx, false);
    expect(rows).toEqual([
      {
        tracker: 'appsflyer',
        app: 'beauty-aos',
        appId: 'com.example.beauty',
        advertiserId: 'hanbit',
        mediaSource: 'Facebook Ads',
        campaignId: null,
        campaignName: 'KR, "Lookalike" test',
        date: '2026-11-01',
        dateBasis: 'install',
        timeZone: 'Asia/Seoul',
        currency: 'KRW',
        installs: 15,
        reEngagements: 0,
        events: 10,
        eventCounts: [
          { name: 'af_login', count: 7 },
          { name: 'af_purchase', count: 3 },
        ],
        revenueMicros: 34_500_250_000n,
        costMicros: 12_000_500_000n,
        mature: true,
      },
      {
        tracker: 'appsflyer',
        app: 'beauty-aos',
        appId: 'com.example.beauty',
        advertiserId: 'hanbit',
        mediaSource: 'Organic',
        campaignId: null,
        campaignName: 'None',
        date: '2026-11-02',
        dateBasis: 'install',
        timeZone: 'Asia/Seoul',
        currency: 'KRW',
        installs: 40,
        reEngagements: 0,
        events: 6,
        eventCounts: [{ name: 'af_purchase', count: 6 }],
        revenueMicros: 99_000_000_000n,
        costMicros: null,
        mature: false,
      },
    ]);
  });

  it('reads a retargeting report: conversions of both types are re-engagements, installs stay 0', () => {
    const csv =
      'Date,Agency/PMD (af_prt),Media Source (pid),Campaign (c),Conversion Type,Conversions,Total Revenue,Total Cost\n' +
      '2026-11-02,None,Facebook Ads,KR_Retargeting_02,re-engagement,21,5000,700\n' +
      '2026-11-02,None,Facebook Ads,KR_Retargeting_02,re-attribution,9,1000,300\n';
    const [row, ...rest] = parseAppsflyerReport(csv, ctx, true);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      installs: 0,
      reEngagements: 30,
      revenueMicros: 6_000_000_000n,
      costMicros: 1_000_000_000n,
    });
  });

  it('names what is wrong with a bad body', () => {
    const header = 'Date,Media Source (pid),Campaign (c),Installs,Total Revenue,Total Cost';
    const parse = (text: string) => () => parseAppsflyerReport(text, ctx, false);
    expect(fieldOf(parse(''))).toBe('(body)');
    expect(fieldOf(parse('Date,Media Source (pid),Campaign (c),Total Revenue,Total Cost\n'))).toBe('(header)');
    expect(fieldOf(parse(`${header}\n2026-11-01,fb,c1,12x,0,0\n`))).toBe('row 1.Installs');
    expect(fieldOf(parse(`${header}\n2026-11-01,fb,c1,-1,0,0\n`))).toBe('row 1.Installs');
    expect(fieldOf(parse(`${header}\n2026-11-01,fb,c1,1,-5,0\n`))).toBe('row 1.Total Revenue');
    expect(fieldOf(parse(`${header}\n2026-11-01,fb,c1,1,1.1234567,0\n`))).toBe('row 1.Total Revenue');
    expect(fieldOf(parse(`${header}\n11/01/2026,fb,c1,1,0,0\n`))).toBe('row 1.Date');
    expect(fieldOf(parse(`${header}\n2026-10-31,fb,c1,1,0,0\n`))).toBe('row 1.Date');
    expect(fieldOf(parse(`${header}\n2026-11-01,,c1,1,0,0\n`))).toBe('row 1.Media Source (pid)');
    expect(fieldOf(parse(`${header}\n2026-11-01,fb,c1,1\n`))).toBe('row 1');
    expect(fieldOf(parse(`${header}\n2026-11-01,fb,"c1,1,0,0\n`))).toBe('(body)');
    expect(fieldOf(parse(`${header},x (Sales in USD)\n2026-11-01,fb,c1,1,0,0,0\n`))).toBe('(header) x (Sales in USD)');
    expect(fieldOf(parse(`${header}\n2026-11-01,fb,c1,1,0,0\n`))).toBeUndefined();
  });

  it('classifies failures: a spent quota is a rate limit, the rest by status', () => {
    expect(classifyAppsflyerError(403, 'Limit reached for partners_by_date_report').kind).toBe('rate_limited');
    expect(classifyAppsflyerError(403, "You don't have permission").kind).toBe('permission');
    expect(classifyAppsflyerError(401, 'Unauthorized').kind).toBe('auth');
    expect(classifyAppsflyerError(404, 'The supplied APP ID is invalid').kind).toBe('not_found');
    expect(classifyAppsflyerError(400, 'bad from').kind).toBe('bad_request');
    expect(classifyAppsflyerError(503, '').kind).toBe('transient');
    expect(classifyAppsflyerError(429, '').kind).toBe('rate_limited');
  });
});
