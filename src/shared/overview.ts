// What a new Verified threshold would do, from the overview's histograms: the preview shown while the
// person drags the threshold, before anything is saved. Pure, shared by the renderer and its tests.
import type { OverviewView } from './contract';

export interface ThresholdMoves {
  /** Verified leads that would become To Check. */
  toToCheck: number;
  /** To Check leads that would become Verified. */
  toVerified: number;
}

/** Leads that move at a threshold of `percent` (a whole percent, 0..100): exact at whole percents. */
export function thresholdMoves(probability: OverviewView['probability'], percent: number): ThresholdMoves {
  let toToCheck = 0;
  let toVerified = 0;
  for (let bin = 0; bin <= 100; bin++) {
    if (bin < percent) toToCheck += probability.movableVerified[bin] ?? 0;
    else toVerified += probability.movableToCheck[bin] ?? 0;
  }
  return { toToCheck, toVerified };
}
