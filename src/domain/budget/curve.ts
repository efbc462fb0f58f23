/**
 * Response curves: outcome per day y = a·x^b on daily spend x (micros), 0 < b < 1.
 *
 * Why a power curve: it is concave for 0 < b < 1 (diminishing returns, the shape every allocator in the reference
 * assumes), it is fitted exactly by least squares on log y = log a + b·log x (no iterative optimiser, so 100k entities
 * fit in well under a second and the fit is deterministic), and its marginal a·b·x^(b−1) inverts in closed form, so
 * water-filling needs no inner solve. A saturating (Hill) curve needs the half-saturation point, which daily spend that
 * varies ±30% around one budget cannot identify. The price: a power curve never saturates, so moves are bounded by
 * maxChangePct and damped by uncertainty rather than trusted far from the observed spend.
 */

/** b outside this range is not a diminishing-returns curve we can plan on (b → 1 would put everything on one unit). */
export const MIN_EXPONENT = 0.05;
export const MAX_EXPONENT = 0.95;

/** The least-squares fit in log-log on days with spend > 0 and outcome > 0, before any pooling. */
export interface RawFit {
  n: number;
  /** Mean log spend: curves are parameterised around it so the level and the slope are uncorrelated. */
  meanLogX: number;
  meanLogY: number;
  /** OLS slope (unclamped); NaN when spend did not vary. */
  b: number;
  /** Variance of b; Infinity when spend did not vary, so the slope is unknown. */
  varB: number;
  /** Residual variance of log y (with a weak prior, so 3 lucky days do not claim certainty). */
  sigma2: number;
}

/** A planning curve: log y = level + meanLogX + b·(log x − meanLogX), with the variances of level and b. */
export interface ResponseCurve {
  /** Log outcome per micro at the typical spend exp(meanLogX). */
  level: number;
  b: number;
  meanLogX: number;
  varLevel: number;
  varB: number;
}

// A residual log-sd of 0.5 (outcome ±65% day to day) worth 2 days of data: thin histories keep a wide band.
const PRIOR_SIGMA2 = 0.25;
const PRIOR_SIGMA2_WEIGHT = 2;

export function fitRaw(spend: readonly number[], outcome: readonly number[]): RawFit {
  const logX: number[] = [];
  const logY: number[] = [];
  for (let i = 0; i < spend.length; i++) {
    const x = spend[i]!;
    const y = outcome[i]!;
    if (x > 0 && y > 0) {
      logX.push(Math.log(x));
      logY.push(Math.log(y));
    }
  }
  const n = logX.length;
  const meanLogX = mean(logX);
  const meanLogY = mean(logY);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (logX[i]! - meanLogX) ** 2;
    sxy += (logX[i]! - meanLogX) * (logY[i]! - meanLogY);
  }
  // Spend within ±0.5% of its mean on every day says nothing about the slope.
  const identified = n >= 3 && sxx > n * 2.5e-5;
  const b = identified ? sxy / sxx : Number.NaN;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const fitted = meanLogY + (identified ? b * (logX[i]! - meanLogX) : 0);
    ssr += (logY[i]! - fitted) ** 2;
  }
  const dof = Math.max(0, n - (identified ? 2 : 1));
  const sigma2 = (ssr + PRIOR_SIGMA2 * PRIOR_SIGMA2_WEIGHT) / (dof + PRIOR_SIGMA2_WEIGHT);
  return { n, meanLogX, meanLogY, b, varB: identified ? sigma2 / sxx : Number.POSITIVE_INFINITY, sigma2 };
}

export function outcomeAt(curve: ResponseCurve, spend: number, level = curve.level, b = curve.b): number {
  if (spend <= 0) return 0;
  return Math.exp(level + curve.meanLogX + b * (Math.log(spend) - curve.meanLogX));
}

/** d outcome / d spend, outcome per micro. */
export function marginalAt(curve: ResponseCurve, spend: number): number {
  if (spend <= 0) return Number.POSITIVE_INFINITY;
  return curve.b * Math.exp(curve.level + (curve.b - 1) * (Math.log(spend) - curve.meanLogX));
}

/** The spend at which the marginal return equals `marginal` (the inverse of marginalAt). */
export function spendAtMarginal(curve: ResponseCurve, marginal: number): number {
  if (marginal <= 0) return Number.POSITIVE_INFINITY;
  return Math.exp(curve.meanLogX + (Math.log(marginal / curve.b) - curve.level) / (curve.b - 1));
}

/** Standard deviation of log(marginal return) at `spend`: how well we know where this unit's next micro goes. */
export function marginalLogSd(curve: ResponseCurve, spend: number): number {
  const leverage = 1 / curve.b + (Math.log(spend) - curve.meanLogX);
  return Math.sqrt(curve.varLevel + curve.varB * leverage * leverage);
}

/** z of a two-sided 90% band. */
const Z90 = 1.645;

/** The predicted change from → to, with a 90% band over the corners of level ± z·sd and b ± z·sd. */
export function predictDelta(curve: ResponseCurve, from: number, to: number) {
  const outcomeFrom = outcomeAt(curve, from);
  const outcomeTo = outcomeAt(curve, to);
  let deltaLow = outcomeTo - outcomeFrom;
  let deltaHigh = deltaLow;
  const sdLevel = Math.sqrt(curve.varLevel);
  const sdB = Math.sqrt(curve.varB);
  for (const dl of [-Z90 * sdLevel, Z90 * sdLevel]) {
    for (const db of [-Z90 * sdB, Z90 * sdB]) {
      const b = clampExponent(curve.b + db);
      const delta = outcomeAt(curve, to, curve.level + dl, b) - outcomeAt(curve, from, curve.level + dl, b);
      deltaLow = Math.min(deltaLow, delta);
      deltaHigh = Math.max(deltaHigh, delta);
    }
  }
  return { outcomeFrom, outcomeTo, delta: outcomeTo - outcomeFrom, deltaLow, deltaHigh };
}

export function clampExponent(b: number): number {
  return Math.min(MAX_EXPONENT, Math.max(MIN_EXPONENT, b));
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
