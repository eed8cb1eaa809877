import type { ApiErrorCode } from '@shared/contract';
import { redactUri } from './redact';
import { isDatabaseUnavailable, STOPPED_ANSWERING } from './store/mongoErrors';

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

/** A database failure as the error the user sees: unavailable, or another database error; never the password. */
export function databaseError(err: unknown): Error {
  if (err instanceof CoreError) return err;
  // The driver's words ("interrupted due to server monitor timeout") say nothing a person can act on.
  if (isDatabaseUnavailable(err)) return new CoreError('db_unavailable', STOPPED_ANSWERING);
  const message = redactUri(err instanceof Error ? err.message : String(err));
  return new CoreError('internal', `Database error: ${message}`);
}

/** Runs a database call, turning its failure into `databaseError`. */
export async function guardDatabase<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw databaseError(err);
  }
}

/** A write that failed only because some keys were already stored (E11000). */
export function isDuplicateKeyError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, writeErrors } = err as { code?: number; writeErrors?: Array<{ code?: number }> };
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((e) => e.code === 11000);
  return code === 11000;
}
