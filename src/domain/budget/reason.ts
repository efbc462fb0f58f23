import { microsToDecimal, currencyDecimals } from '../money';
import type { BoundName, ObjectiveKind } from './types';

/** A proposal's reason in words and numbers, e.g. "marginal 0.81 conv per 1,000 KRW vs portfolio 0.52; +20% capped by maxChangePct". */
export interface MoveFacts {
  objective: ObjectiveKind;
  currency: string;
  /** Outcome per micro at the current budget, and the portfolio's water level. */
  marginal: number;
  level: number;
  from: bigint;
  to: bigint;
  boundBy: readonly BoundName[];
  held?: string;
}

const MICROS_PER_THOUSAND = 1e9;

export function describeMove(f: MoveFacts): string {
  const revenue = f.objective === 'maxRevenue' || f.objective === 'targetRoas';
  const compare = revenue
    ? `marginal ROAS ${fmt(f.marginal)} vs ${f.objective === 'targetRoas' ? 'target' : 'portfolio'} ${fmt(f.level)}`
    : `marginal ${fmt(f.marginal * MICROS_PER_THOUSAND)} conv per 1,000 ${f.currency} vs ${f.objective === 'targetCpa' ? 'target' : 'portfolio'} ${fmt(f.level * MICROS_PER_THOUSAND)}`;
  if (f.held) return `${compare}; held: ${f.held}`;
  const amount = microsToDecimal(f.to - f.from, currencyDecimals(f.currency));
  if (f.to === f.from) {
    return f.boundBy.length ? `${compare}; no change (${f.boundBy.join(', ')})` : `${compare}; no change`;
  }
  const pct = (Number(f.to - f.from) / Number(f.from)) * 100;
  const move = `${pct > 0 ? '+' : ''}${pct.toFixed(1)}% (${f.to > f.from ? '+' : ''}${amount} ${f.currency})`;
  return f.boundBy.length ? `${compare}; ${move} capped by ${f.boundBy.join(', ')}` : `${compare}; ${move}`;
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value.toPrecision(2);
}
