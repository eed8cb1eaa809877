// Why a pasted name did not become a lead. Codes are stable (stored, filtered on, printed in --json);
// the human reason that goes with each is written where the failure happens, with its details.
export const FAILURE_CODES = [
  'invalid_name',
  // Entries the parser recognises as something other than a name (src/shared/names/notName.ts).
  'email',
  'phone',
  'url',
  'placeholder',
  'sentence',
  'no_prediction',
  'invalid_api_key',
  'subscription_inactive',
  'quota_exhausted',
  'api_unreachable',
  'api_error',
  /** The API's answer did not match the names asked (order, count or echoed name). */
  'api_mismatch',
  /** The API's answer held values that cannot be right (a probability outside 0..1, a bad country code). */
  'api_invalid',
  'db_unavailable',
  'cancelled',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/**
 * The codes the parser gives, judged on the entry's text alone: retrying such an entry cannot succeed,
 * only correcting it can.
 */
export const ENTRY_FAILURE_CODES = [
  'invalid_name',
  'email',
  'phone',
  'url',
  'placeholder',
  'sentence',
] as const satisfies readonly FailureCode[];
export type EntryFailureCode = (typeof ENTRY_FAILURE_CODES)[number];

export interface NameFailure {
  /** The entry (at most its first FAILURE_NAME_LIMIT characters). */
  name: string;
  code: FailureCode;
  reason: string;
  /** A name guessed from the entry (from an email address: jane.doe@acme.com gives "Jane Doe"). */
  suggestion?: string;
  /** The entry's full length in characters, when it is over the name limit or `name` was cut. */
  length?: number;
}
