// Reads a batch answer of nationalize.io (or genderize.io, agify.io: the same family, the same shape of
// batch) and gives each asked name its own prediction, or the reason
// none can be trusted. Answers are matched by the `name` the API echoes, never by position, and every
// value is checked before anything is stored.
import { z } from 'zod';

export interface CountryPrediction {
  /** ISO 3166-1 alpha-2, as the API gives it. */
  country_id: string;
  probability: number;
}

/** What the API said about one name: up to five countries (none: no prediction) and its sample count. */
export interface NameAnswer {
  count: number | null;
  countries: CountryPrediction[];
}

/** genderize.io's answer for one name (gender null: it does not know). */
export interface GenderAnswer {
  gender: 'male' | 'female' | null;
  probability: number;
  count: number | null;
}

/** agify.io's answer for one name (age null: it does not know). */
export interface AgeAnswer {
  age: number | null;
  count: number | null;
}

export type Matched<T> =
  ({ ok: true } & T) | { ok: false; code: 'api_mismatch' | 'api_invalid'; reason: string };
export type MatchedAnswer = Matched<NameAnswer>;

/** The API compares names case- and accent-insensitively, with whitespace collapsed. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/gu, ' ');
}

/** The API prefers the last name of a full name; some answers echo only that. */
function lastToken(folded: string): string {
  const parts = folded.split(' ');
  return parts[parts.length - 1] ?? folded;
}

const MAX_COUNTRIES = 5;
const COUNTRY_CODE = /^[A-Z]{2}$/;

const itemSchema = z.object({ name: z.string().nullish() }).passthrough();
type Item = z.infer<typeof itemSchema> & Record<string, unknown>;

const invalid = (what: string): { ok: false; code: 'api_invalid'; reason: string } => ({
  ok: false,
  code: 'api_invalid',
  reason: `The API gave an invalid answer for this name (${what}); nothing was stored`,
});

/** A sample count: a whole number of people, or null when the API gave none. */
function sampleCount(item: Item): number | null | { bad: string } {
  const count = item.count ?? null;
  if (count === null) return null;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0
    ? count
    : { bad: `sample count ${String(count)}` };
}

/** Why one nationalize item cannot be stored, or its checked values. */
function checkCountries(item: Item): MatchedAnswer {
  const count = sampleCount(item);
  if (count !== null && typeof count === 'object') return invalid(count.bad);
  if (item.country !== undefined && item.country !== null && !Array.isArray(item.country)) {
    return invalid('a country list that is not a list');
  }
  const countries: CountryPrediction[] = [];
  const seen = new Set<string>();
  for (const raw of (item.country as unknown[] | null | undefined) ?? []) {
    const entry = raw as { country_id?: unknown; probability?: unknown } | null;
    const code = entry?.country_id;
    const probability = entry?.probability;
    if (typeof code !== 'string' || !COUNTRY_CODE.test(code)) {
      // The value itself is not repeated: it could be anything, markup included.
      return invalid('a country code that is not two letters A-Z');
    }
    if (
      typeof probability !== 'number' ||
      !Number.isFinite(probability) ||
      probability < 0 ||
      probability > 1
    ) {
      return invalid(`probability ${String(probability).slice(0, 20)} for ${code} is outside 0 to 1`);
    }
    if (seen.has(code)) return invalid(`country ${code} is listed twice`);
    seen.add(code);
    countries.push({ country_id: code, probability });
  }
  if (countries.length > MAX_COUNTRIES) return invalid(`${countries.length} countries, at most 5 are given`);
  const total = countries.reduce((sum, c) => sum + c.probability, 0);
  if (total > 1.001) return invalid(`the probabilities add up to ${total.toFixed(2)}`);
  return { ok: true, count, countries };
}

/** Why one genderize item cannot be stored, or its checked values. */
function checkGender(item: Item): Matched<GenderAnswer> {
  const count = sampleCount(item);
  if (count !== null && typeof count === 'object') return invalid(count.bad);
  const gender = item.gender ?? null;
  if (gender !== null && gender !== 'male' && gender !== 'female')
    return invalid('a gender that is not male or female');
  const probability = item.probability ?? 0;
  if (
    typeof probability !== 'number' ||
    !Number.isFinite(probability) ||
    probability < 0 ||
    probability > 1
  ) {
    return invalid(`gender probability ${String(probability).slice(0, 20)} is outside 0 to 1`);
  }
  return { ok: true, gender, probability, count };
}

/** Why one agify item cannot be stored, or its checked values. */
function checkAge(item: Item): Matched<AgeAnswer> {
  const count = sampleCount(item);
  if (count !== null && typeof count === 'object') return invalid(count.bad);
  const age = item.age ?? null;
  if (age !== null && (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 130)) {
    return invalid(`age ${String(age).slice(0, 20)} is not a whole number of years from 0 to 130`);
  }
  return { ok: true, age, count };
}

export const matchAnswers = (asked: readonly string[], body: unknown) =>
  matchBatch(asked, body, checkCountries);
export const matchGenders = (asked: readonly string[], body: unknown) => matchBatch(asked, body, checkGender);
export const matchAges = (asked: readonly string[], body: unknown) => matchBatch(asked, body, checkAge);

/**
 * Matches a batch answer to the names asked, in the order asked. A body that is not a list of the same
 * length fails every name; an item whose name matches no asked name is ignored, and an asked name
 * with no matching item fails with api_mismatch.
 */
function matchBatch<T>(
  asked: readonly string[],
  body: unknown,
  check: (item: Item) => Matched<T>,
): Matched<T>[] {
  const parsed = z.array(itemSchema).safeParse(body);
  if (!parsed.success || parsed.data.length !== asked.length) {
    const got = parsed.success ? `${parsed.data.length} results` : 'no list of results';
    return asked.map(() => ({
      ok: false,
      code: 'api_mismatch',
      reason: `The API answered with ${got} for ${asked.length} names; nothing was stored`,
    }));
  }
  const results: Array<Matched<T> | null> = asked.map(() => null);
  const folded = asked.map(foldName);
  const unclaimed = new Set(asked.keys());
  const items = parsed.data.map((item) => ({ item, echo: foldName(item.name ?? '') }));
  // Exact echoes first, then echoes of the last name only; equal echoes go to asked names in order.
  for (const key of [(f: string) => f, lastToken]) {
    for (const entry of items) {
      if (entry.echo === '') continue;
      const index = [...unclaimed].find((i) => key(folded[i]!) === entry.echo);
      if (index === undefined) continue;
      unclaimed.delete(index);
      results[index] = check(entry.item as Item);
      entry.echo = '';
    }
  }
  return results.map(
    (result) =>
      result ?? {
        ok: false,
        code: 'api_mismatch',
        reason: 'The API answered for other names than the ones asked; nothing was stored',
      },
  );
}
