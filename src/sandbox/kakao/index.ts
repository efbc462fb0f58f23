import { addDays, dateInZone } from '../../domain/dates';
import { campaignDay, reportedDay } from '../generator';
import type { SandboxPlatformModule, TruthRow } from '../platform-module';
import { KAKAO_RESTATEMENT, kakaoAccount, kakaoCampaigns } from './data';
import { handleKakao, kakaoIndex } from './routes';

/** Kakao Moment under /kakao/openapi/v4/... with its ground truth (campaign-days as the report serves them). */
export const kakaoSandbox: SandboxPlatformModule = {
  createHandler(state) {
    const index = kakaoIndex(state);
    return (req, res, url, segments, fault) => handleKakao(req, res, url, segments, state, index, fault);
  },
  truth(world, accountId, from, to, now) {
    const account = kakaoAccount(world, accountId);
    if (!account) throw new Error(`sandbox world has no Kakao account ${accountId}`);
    const today = dateInZone(now, account.timeZone);
    const rows: TruthRow[] = [];
    const campaigns = kakaoCampaigns(world.seed, account);
    for (let date = from; date <= to && date < today; date = addDays(date, 1)) {
      for (const campaign of campaigns) {
        const settled = campaignDay(world.seed, 'kakao', account, campaign, date);
        if (!settled) continue;
        rows.push({
          entityId: String(campaign.id),
          entityName: campaign.name,
          date,
          currency: account.currency,
          ...reportedDay(settled, date, now, account, KAKAO_RESTATEMENT),
        });
      }
    }
    return rows;
  },
};
