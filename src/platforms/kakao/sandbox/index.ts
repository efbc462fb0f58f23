import { sandboxModule } from '../../../sandbox/module-kit';
import { kakaoAccount, kakaoCatalog, kakaoDelivery, kakaoServedDay } from './data';
import { handleKakao, kakaoIndex } from './routes';

/**
 * Kakao Moment under /kakao/openapi/v4/... with its ground truth: campaign-days and ad group-days as the two report
 * endpoints serve them (the same data.ts functions the handlers format).
 */
export const kakaoSandbox = sandboxModule({
  createHandler(state) {
    const index = kakaoIndex(state);
    return (req, res, url, segments, fault) => handleKakao(req, res, url, segments, state, index, fault);
  },
  account: kakaoAccount,
  accountNoun: 'Kakao account',
  delivery: kakaoDelivery,
  catalog: kakaoCatalog,
  servedDay: kakaoServedDay,
});
