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

/**
 * Pools each group, then shrinks every member toward the pool of the OTHER members (leave-one-out): an entity's own
 * data must not count twice, once as itself and once as its group, or a group of one would look twice as certain.
 * `fits[i]` belongs to `groups[i]`.
 */
export function shrinkToGroups(fits: readonly RawFit[], groups: readonly string[]): ResponseCurve[] {
  const sums = new Map<string, Sums>();
  const own = fits.map(contribution);
  for (let i = 0; i < fits.length; i++) {
    const s = sums.get(groups[i]!) ?? { bw: 0, bwx: 0, lw: 0, lwx: 0 };
    add(s, own[i]!, 1);
    sums.set(groups[i]!, s);
  }
  return fits.map((fit, i) => {
    const others = { ...sums.get(groups[i]!)! };
    add(others, own[i]!, -1);
    const slopeKnown = Number.isFinite(fit.varB);
    // The group's exponent, from the others; a group with no other slope data falls back to the prior only when
    // this entity has none either (otherwise its own slope stands alone).
    const groupB = others.bw > 1e-12 ? others.bwx / others.bw : slopeKnown ? undefined : PRIOR_EXPONENT;
    const groupBVar = others.bw > 1e-12 ? 1 / others.bw + GROUP_EXPONENT_SD ** 2 : GROUP_EXPONENT_SD ** 2;
    const ownBPrec = slopeKnown ? 1 / fit.varB : 0;
    const bPrec = ownBPrec + (groupB === undefined ? 0 : 1 / groupBVar);
    const b = clampExponent(((slopeKnown ? ownBPrec * clampExponent(fit.b) : 0) + (groupB ?? 0) / groupBVar) / bPrec);

    const ownLevelPrec = fit.n / fit.sigma2;
    const groupLevelVar = others.lw > 1e-12 ? 1 / others.lw + GROUP_LEVEL_SD ** 2 : undefined;
    const levelPrec = ownLevelPrec + (groupLevelVar === undefined ? 0 : 1 / groupLevelVar);
    const groupLevel = others.lw > 1e-12 ? others.lwx / others.lw : 0;
    const level =
      (ownLevelPrec * ownLevel(fit) + (groupLevelVar === undefined ? 0 : groupLevel / groupLevelVar)) / levelPrec;
    return { level, b, meanLogX: fit.meanLogX, varLevel: 1 / levelPrec, varB: 1 / bPrec };
  });
}

interface Sums {
  bw: number;
  bwx: number;
  lw: number;
  lwx: number;
}

/** What one entity adds to its group's pool: precision-weighted exponent and level. */
function contribution(fit: RawFit): Sums {
  const bw = Number.isFinite(fit.varB) ? 1 / fit.varB : 0;
  const lw = fit.n / fit.sigma2;
  return { bw, bwx: bw * (bw > 0 ? clampExponent(fit.b) : 0), lw, lwx: lw * ownLevel(fit) };
}

function add(to: Sums, c: Sums, sign: 1 | -1): void {
  to.bw += sign * c.bw;
  to.bwx += sign * c.bwx;
  to.lw += sign * c.lw;
  to.lwx += sign * c.lwx;
}

/** Log outcome per micro at the entity's typical spend. */
function ownLevel(fit: RawFit): number {
  return fit.meanLogY - fit.meanLogX;
}
