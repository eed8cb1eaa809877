// Reads a batch answer of nationalize.io and gives each asked name its own prediction, or the reason
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

export type MatchedAnswer =
  ({ ok: true } & NameAnswer) | { ok: false; code: 'api_mismatch' | 'api_invalid'; reason: string };

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

const itemSchema = z.object({
  name: z.string().nullish(),
  count: z.number().nullish(),
  country: z.array(z.unknown()).nullish(),
});

/** Why one item cannot be stored, or its checked values. */
function checkItem(item: z.infer<typeof itemSchema>): MatchedAnswer {
  const invalid = (what: string): MatchedAnswer => ({
    ok: false,
    code: 'api_invalid',
    reason: `The API gave an invalid answer for this name (${what}); nothing was stored`,
  });
  const count = item.count ?? null;
  if (count !== null && (!Number.isInteger(count) || count < 0)) return invalid(`sample count ${count}`);
  const countries: CountryPrediction[] = [];
  const seen = new Set<string>();
  for (const raw of item.country ?? []) {
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

/**
 * Matches a batch answer to the names asked, in the order asked. A body that is not a list of the same
 * length fails every name; an item whose name matches no asked name is ignored, and an asked name
 * with no matching item fails with api_mismatch.
 */
export function matchAnswers(asked: readonly string[], body: unknown): MatchedAnswer[] {
  const parsed = z.array(itemSchema).safeParse(body);
  if (!parsed.success || parsed.data.length !== asked.length) {
    const got = parsed.success ? `${parsed.data.length} results` : 'no list of results';
    return asked.map(() => ({
      ok: false,
      code: 'api_mismatch',
      reason: `The API answered with ${got} for ${asked.length} names; nothing was stored`,
    }));
  }
  const results: Array<MatchedAnswer | null> = asked.map(() => null);
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
      results[index] = checkItem(entry.item);
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
