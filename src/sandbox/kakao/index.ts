import { reportedCampaignDay } from '../generator';
import type { SandboxPlatformModule } from '../platform-module';
import { closedDayTruth } from '../truth-builder';
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
    return closedDayTruth(account, kakaoCampaigns(world.seed, account), from, to, now, (campaign, date) =>
      reportedCampaignDay(world.seed, 'kakao', account, campaign, date, now, KAKAO_RESTATEMENT),
    );
  },
};
