import type { ReportLocale, ReportPeriod } from './model';

/**
 * Every label any report format prints, in English and Korean. One catalogue so that XLSX, CSV, HTML and PDF say the
 * same thing; the Korean table is typed against the English one, so a label missing in either language fails tsc.
 */
const EN = {
  reportTitle: 'Performance report',
  advertiser: 'Advertiser',
  period: 'Period',
  periodDaily: 'Daily',
  periodWeekly: 'Weekly',
  periodMonthly: 'Monthly',
  dateRange: 'Dates',
  comparedWith: 'Compared with',
  generatedAt: 'Generated',
  timeZone: 'Time zone',
  currency: 'Currency',
  sectionCurrency: 'Figures in {currency}',
  noData: 'No data for this period.',

  spend: 'Spend',
  impressions: 'Impressions',
  clicks: 'Clicks',
  ctr: 'CTR',
  cpc: 'CPC',
  cpm: 'CPM',
  conversions: 'Conversions',
  cvr: 'CVR',
  cpa: 'CPA',
  revenue: 'Revenue',
  roas: 'ROAS',

  metric: 'Metric',
  value: 'Value',
  previous: 'Previous',
  delta: 'Change',
  previousValue: 'Previous: {value}',
  noComparison: 'No previous figure',

  summary: 'Summary',
  keyFigures: 'Key figures',
  trend: 'Daily trend',
  trendChartTitle: 'Spend and conversions by day ({currency})',
  platforms: 'Platforms',
  platformChartTitle: 'Spend by platform ({currency})',
  campaigns: 'Campaigns',
  daily: 'Daily',
  level: 'Level',
  levelCampaign: 'Campaign',
  levelAdSet: 'Ad set',
  platform: 'Platform',
  accountId: 'Account ID',
  campaignId: 'Campaign ID',
  adSetId: 'Ad set ID',
  name: 'Name',
  date: 'Date',

  pacing: 'Budget pacing',
  monthlyBudget: 'Monthly budget',
  monthToDate: 'Month to date',
  projected: 'Projected month end',
  requiredDaily: 'Required per day',
  daysElapsed: 'Days elapsed',
  daysInMonth: 'Days in month',
  daysElapsedOf: 'Day {elapsed} of {total}',
  budgetUsed: '{percent} of budget spent',
  projectedOver: 'Projected to exceed the budget',
  projectedUnder: 'Projected to stay within the budget',

  actions: 'Actions taken',
  noActions: 'No budget changes in this period.',
  at: 'When',
  entity: 'Entity',
  entityId: 'Entity ID',
  from: 'From',
  to: 'To',
  change: 'Change',
  status: 'Status',
  decidedBy: 'Decided by',
  reason: 'Why',
  planId: 'Plan ID',

  freshness: 'Data freshness',
  accountName: 'Account',
  lastPulledAt: 'Last pulled',
  pulledThrough: 'Data through',
  unsettledDays: 'Unsettled days',
  unsettledCount: 'Unsettled day count',
  mayStillChange: 'may still change',
  settled: 'Settled',
  neverPulled: 'Never pulled',
  freshnessNote: 'Platforms restate recent days; figures for unsettled days may still change.',
} as const;

export type MessageKey = keyof typeof EN;

const KO: Record<MessageKey, string> = {
  reportTitle: '광고 성과 보고서',
  advertiser: '광고주',
  period: '보고 주기',
  periodDaily: '일간',
  periodWeekly: '주간',
  periodMonthly: '월간',
  dateRange: '기간',
  comparedWith: '비교 기간',
  generatedAt: '생성 시각',
  timeZone: '시간대',
  currency: '통화',
  sectionCurrency: '{currency} 기준 실적',
  noData: '이 기간의 데이터가 없습니다.',

  spend: '광고비',
  impressions: '노출수',
  clicks: '클릭수',
  ctr: '클릭률(CTR)',
  cpc: '클릭당 비용(CPC)',
  cpm: '노출 1,000회당 비용(CPM)',
  conversions: '전환수',
  cvr: '전환율(CVR)',
  cpa: '전환당 비용(CPA)',
  revenue: '전환 매출',
  roas: '광고 수익률(ROAS)',

  metric: '지표',
  value: '값',
  previous: '이전 기간',
  delta: '증감',
  previousValue: '이전: {value}',
  noComparison: '비교 값 없음',

  summary: '요약',
  keyFigures: '핵심 지표',
  trend: '일별 추이',
  trendChartTitle: '일별 광고비와 전환수 ({currency})',
  platforms: '매체',
  platformChartTitle: '매체별 광고비 ({currency})',
  campaigns: '캠페인',
  daily: '일별',
  level: '구분',
  levelCampaign: '캠페인',
  levelAdSet: '광고그룹',
  platform: '매체',
  accountId: '계정 ID',
  campaignId: '캠페인 ID',
  adSetId: '광고그룹 ID',
  name: '이름',
  date: '날짜',

  pacing: '예산 소진 현황',
  monthlyBudget: '월 예산',
  monthToDate: '이번 달 누적',
  projected: '월말 예상',
  requiredDaily: '남은 기간 일 필요액',
  daysElapsed: '경과 일수',
  daysInMonth: '해당 월 일수',
  daysElapsedOf: '{total}일 중 {elapsed}일 경과',
  budgetUsed: '예산의 {percent} 소진',
  projectedOver: '예산 초과 예상',
  projectedUnder: '예산 내 집행 예상',

  actions: '조치 내역',
  noActions: '이 기간에 예산 변경이 없습니다.',
  at: '일시',
  entity: '대상',
  entityId: '대상 ID',
  from: '변경 전',
  to: '변경 후',
  change: '변경폭',
  status: '상태',
  decidedBy: '결정',
  reason: '사유',
  planId: '계획 ID',

  freshness: '데이터 최신성',
  accountName: '계정',
  lastPulledAt: '마지막 수집',
  pulledThrough: '데이터 기준일',
  unsettledDays: '미확정 일자',
  unsettledCount: '미확정 일수',
  mayStillChange: '변경될 수 있음',
  settled: '확정',
  neverPulled: '수집 이력 없음',
  freshnessNote: '매체가 최근 며칠의 수치를 다시 집계하므로, 미확정 일자의 수치는 변경될 수 있습니다.',
};

const CATALOGUE: Record<ReportLocale, Record<MessageKey, string>> = { 'en-US': EN, 'ko-KR': KO };

/** Platform names as agencies write them; the same in both languages except Naver and Kakao. */
const PLATFORM_NAMES: Record<ReportLocale, Record<string, string>> = {
  'en-US': { meta: 'Meta', google_ads: 'Google Ads', naver: 'Naver', kakao: 'Kakao', tiktok: 'TikTok' },
  'ko-KR': { meta: 'Meta', google_ads: 'Google Ads', naver: '네이버', kakao: '카카오', tiktok: 'TikTok' },
};

const PERIOD_KEYS: Record<ReportPeriod, MessageKey> = {
  daily: 'periodDaily',
  weekly: 'periodWeekly',
  monthly: 'periodMonthly',
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A label in `locale`, with `{name}` placeholders filled from params. */
export function messages(locale: ReportLocale): Translate {
  const table = CATALOGUE[locale];
  return (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

export function platformName(platform: string, locale: ReportLocale): string {
  return PLATFORM_NAMES[locale][platform] ?? platform;
}

export function periodName(period: ReportPeriod, locale: ReportLocale): string {
  return messages(locale)(PERIOD_KEYS[period]);
}
