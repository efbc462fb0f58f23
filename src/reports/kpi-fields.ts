import type { KpiDelta, Kpis } from './model';
import type { MessageKey } from './messages';

export type KpiKey = keyof KpiDelta & MessageKey;

/**
 * The KPI columns every format shows, in one order. `kind` picks the formatting (money is bigint micros, ratios are
 * fractions); `better` says which way is good news, so the HTML can colour a change (a higher CPA is bad news).
 */
export interface KpiField {
  key: KpiKey;
  kind: 'money' | 'count' | 'ratio';
  better: 'up' | 'down' | 'neutral';
  value(kpis: Kpis): bigint | number | null;
}

export const KPI_FIELDS: readonly KpiField[] = [
  { key: 'spend', kind: 'money', better: 'neutral', value: (k) => k.spendMicros },
  { key: 'impressions', kind: 'count', better: 'up', value: (k) => k.impressions },
  { key: 'clicks', kind: 'count', better: 'up', value: (k) => k.clicks },
  { key: 'ctr', kind: 'ratio', better: 'up', value: (k) => k.ctr },
  { key: 'cpc', kind: 'money', better: 'down', value: (k) => k.cpcMicros },
  { key: 'cpm', kind: 'money', better: 'down', value: (k) => k.cpmMicros },
  { key: 'conversions', kind: 'count', better: 'up', value: (k) => k.conversions },
  { key: 'cvr', kind: 'ratio', better: 'up', value: (k) => k.cvr },
  { key: 'cpa', kind: 'money', better: 'down', value: (k) => k.cpaMicros },
  { key: 'revenue', kind: 'money', better: 'up', value: (k) => k.revenueMicros },
  { key: 'roas', kind: 'ratio', better: 'up', value: (k) => k.roas },
];
