import { clampExponent, type RawFit, type ResponseCurve } from './curve';

/**
 * Borrowing strength from the group (account|platform|objective): a thin or flat history says little about its own
 * exponent or efficiency, so each entity's estimate is a precision-weighted mix of its own fit and its group's pooled
 * fit (a normal–normal empirical-Bayes step, the one-level version of how hierarchical MMMs pool geos). An entity with
 * 56 days of varied spend keeps its own curve; one with 8 days at a flat budget takes most of its group's.
 */

/** How much exponents differ between entities of one group (sd), and where a group without slope data starts. */
const GROUP_EXPONENT_SD = 0.15;
const PRIOR_EXPONENT = 0.6;
/** How much efficiency (log outcome per micro) differs between entities of one group: ±65%. */
const GROUP_LEVEL_SD = 0.5;

interface Pooled {
  b: number;
  level: number;
  hasLevel: boolean;
}

/** Pools each group, then shrinks every member toward it. `fits[i]` belongs to `groups[i]`. */
export function shrinkToGroups(fits: readonly RawFit[], groups: readonly string[]): ResponseCurve[] {
  const pooled = new Map<string, Pooled>();
  const sums = new Map<string, { bw: number; bwx: number; lw: number; lwx: number }>();
  for (let i = 0; i < fits.length; i++) {
    const fit = fits[i]!;
    const s = sums.get(groups[i]!) ?? { bw: 0, bwx: 0, lw: 0, lwx: 0 };
    if (Number.isFinite(fit.varB)) {
      const w = 1 / (fit.varB + GROUP_EXPONENT_SD ** 2);
      s.bw += w;
      s.bwx += w * clampExponent(fit.b);
    }
    const w = 1 / (fit.sigma2 / fit.n + GROUP_LEVEL_SD ** 2);
    s.lw += w;
    s.lwx += w * ownLevel(fit);
    sums.set(groups[i]!, s);
  }
  // A group with slope data pools its members' exponents; only a group with none starts from the prior.
  for (const [group, s] of sums) {
    pooled.set(group, { b: s.bw > 0 ? s.bwx / s.bw : PRIOR_EXPONENT, level: s.lwx / s.lw, hasLevel: true });
  }

  return fits.map((fit, i) => {
    const group = pooled.get(groups[i]!)!;
    const precB = (Number.isFinite(fit.varB) ? 1 / fit.varB : 0) + 1 / GROUP_EXPONENT_SD ** 2;
    const ownB = Number.isFinite(fit.varB) ? clampExponent(fit.b) : 0;
    const b = clampExponent(
      ((Number.isFinite(fit.varB) ? ownB / fit.varB : 0) + group.b / GROUP_EXPONENT_SD ** 2) / precB,
    );
    const precLevel = fit.n / fit.sigma2 + 1 / GROUP_LEVEL_SD ** 2;
    const level = ((ownLevel(fit) * fit.n) / fit.sigma2 + group.level / GROUP_LEVEL_SD ** 2) / precLevel;
    return { level, b, meanLogX: fit.meanLogX, varLevel: 1 / precLevel, varB: 1 / precB };
  });
}

/** Log outcome per micro at the entity's typical spend. */
function ownLevel(fit: RawFit): number {
  return fit.meanLogY - fit.meanLogX;
}
