// Why a pasted name did not become a lead. Codes are stable (stored, filtered on, printed in --json);
// the human reason that goes with each is written where the failure happens, with its details.
export const FAILURE_CODES = [
  'invalid_name',
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

export interface NameFailure {
  name: string;
  code: FailureCode;
  reason: string;
}
