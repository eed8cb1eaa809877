import type { ApiErrorCode } from '@shared/contract';

/** An error the user can act on; its message is safe to show (no secrets, no stack). */
export class CoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

const DB_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoExpiredSessionError',
]);

/** True when the error means the database could not be reached, as opposed to a bad query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (DB_ERROR_NAMES.has(err.name)) return true;
  return /connection .*closed|client must be connected|topology was destroyed|ECONNREFUSED|ECONNRESET/i.test(
    err.message,
  );
}
