import type { CountryGuess, LeadStatus } from '@shared/contract';
import { countryName } from './countries';

export const DEFAULT_VERIFIED_THRESHOLD = 0.6;

export interface Classification {
  countryCode: string;
  country: string;
  probability: number;
  status: LeadStatus;
  /** The next two most probable countries. */
  alternatives: CountryGuess[];
}

/** Classifies a prediction; `countries` is nationalize.io's list (any order). Null when it is empty. */
export function classify(
  countries: ReadonlyArray<{ country_id: string; probability: number }>,
  threshold: number,
): Classification | null {
  const ranked = [...countries].sort((a, b) => b.probability - a.probability);
  const [top, ...rest] = ranked;
  if (!top) return null;
  const guess = (c: { country_id: string; probability: number }): CountryGuess => ({
    countryCode: c.country_id.toUpperCase(),
    country: countryName(c.country_id),
    probability: c.probability,
  });
  return {
    ...guess(top),
    status: top.probability >= threshold ? 'Verified' : 'To Check',
    alternatives: rest.slice(0, 2).map(guess),
  };
}
