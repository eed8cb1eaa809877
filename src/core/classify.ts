import type { CountryGuess, LeadStatus } from '@shared/contract';
import { countryName } from './countries';

export const DEFAULT_VERIFIED_THRESHOLD = 0.6;
/** The API returns up to five countries; the lead keeps them all: the top one and four others. */
const ALTERNATIVES_KEPT = 4;

export interface Classification {
  countryCode: string;
  country: string;
  probability: number;
  /** A lead is classified Verified or To Check; only a person rejects one. */
  status: Exclude<LeadStatus, 'Rejected'>;
  /** The other likely countries, most probable first. */
  alternatives: CountryGuess[];
  /** How many people of that name the API's guess rests on (null when it did not say). */
  sampleCount: number | null;
  /** From genderize.io and agify.io, when they were asked. */
  gender?: 'male' | 'female' | null;
  genderProbability?: number | null;
  age?: number | null;
}

export interface ClassifyRules {
  threshold: number;
  /** Below this sample count a lead is To Check whatever its probability (0: no minimum). */
  minSampleCount: number;
}

/** Classifies a prediction; `countries` is nationalize.io's list (any order). Null when it is empty. */
export function classify(
  countries: ReadonlyArray<{ country_id: string; probability: number }>,
  rules: ClassifyRules,
  sampleCount: number | null = null,
): Classification | null {
  const ranked = [...countries].sort((a, b) => b.probability - a.probability);
  const [top, ...rest] = ranked;
  if (!top) return null;
  const guess = (c: { country_id: string; probability: number }): CountryGuess => ({
    countryCode: c.country_id.toUpperCase(),
    country: countryName(c.country_id),
    probability: c.probability,
  });
  const enoughPeople = sampleCount === null || sampleCount >= rules.minSampleCount;
  return {
    ...guess(top),
    status: top.probability >= rules.threshold && enoughPeople ? 'Verified' : 'To Check',
    alternatives: rest.slice(0, ALTERNATIVES_KEPT).map(guess),
    sampleCount,
  };
}
